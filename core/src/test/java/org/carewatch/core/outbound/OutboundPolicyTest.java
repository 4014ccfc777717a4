package org.carewatch.core.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.config.OutboundConfig;
import org.carewatch.core.errors.InvalidInputException;
import org.junit.jupiter.api.Test;

class OutboundPolicyTest {
    private static final OutboundConfig DEFAULTS = ConfigLoader.load(null, Map.of()).outbound();

    @Test
    void alwaysRefusedWhateverTheRules() throws Exception {
        OutboundPolicy open = new OutboundPolicy(new OutboundConfig(new OutboundConfig.Rules(true, true, "0.0.0.0/0, ::/0", ""),
                new OutboundConfig.Rules(true, true, "", "")));
        for (String a : new String[] {"169.254.169.254", "169.254.1.1", "fe80::1", "0.0.0.0", "::", "224.0.0.1", "ff02::1",
                "255.255.255.255", "fd00:ec2::254", "100.100.100.200", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe"}) {
            assertThat(open.refusal(OutboundTarget.CAMERA, InetAddress.getByName(a))).as(a).isNotNull();
        }
        assertThatThrownBy(() -> open.resolve(OutboundTarget.WEBHOOK, "metadata.google.internal."))
                .isInstanceOf(OutboundRefusedException.class);
    }

    @Test
    void defaultsRefuseLoopbackEverywhereAndPrivateForWebhooksOnly() throws Exception {
        OutboundPolicy p = new OutboundPolicy(DEFAULTS);
        for (String a : new String[] {"127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1", "2002:7f00:1::"}) {
            assertThat(p.refusal(OutboundTarget.CAMERA, InetAddress.getByName(a))).as(a).contains("loopback");
            assertThat(p.refusal(OutboundTarget.WEBHOOK, InetAddress.getByName(a))).as(a).contains("loopback");
        }
        for (String a : new String[] {"10.1.2.3", "172.16.0.1", "192.168.1.1", "100.64.0.1", "fd12::1"}) {
            assertThat(p.refusal(OutboundTarget.CAMERA, InetAddress.getByName(a))).as(a).isNull();
            assertThat(p.refusal(OutboundTarget.WEBHOOK, InetAddress.getByName(a))).as(a).contains("private");
        }
        assertThat(p.refusal(OutboundTarget.WEBHOOK, InetAddress.getByName("203.0.113.7"))).isNull();
        assertThatThrownBy(() -> p.checkRegistration(OutboundTarget.CAMERA, "localhost", "host")).isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("host");
        // A name that does not resolve now is left to the check at connection time.
        p.checkRegistration(OutboundTarget.WEBHOOK, "nothing.invalid", "url");
    }

    @Test
    void allowAndDenyListsApply() throws Exception {
        OutboundPolicy p = new OutboundPolicy(new OutboundConfig(new OutboundConfig.Rules(true, false, "127.0.0.2", "10.9.0.0/16"),
                new OutboundConfig.Rules(false, false, "10.20.0.0/16", "")));
        assertThat(p.refusal(OutboundTarget.CAMERA, InetAddress.getByName("127.0.0.2"))).isNull();
        assertThat(p.refusal(OutboundTarget.CAMERA, InetAddress.getByName("10.9.1.1"))).contains("deny");
        assertThat(p.refusal(OutboundTarget.WEBHOOK, InetAddress.getByName("10.20.3.4"))).isNull();
        assertThat(p.refusal(OutboundTarget.WEBHOOK, InetAddress.getByName("10.21.3.4"))).contains("private");
    }

    @Test
    void everyAddressANameResolvesToIsChecked() {
        OutboundPolicy p = new OutboundPolicy(DEFAULTS, host -> new InetAddress[] {
                InetAddress.getByName("203.0.113.7"), InetAddress.getByName("127.0.0.1")});
        assertThatThrownBy(() -> p.resolve(OutboundTarget.WEBHOOK, "mixed.example")).isInstanceOf(OutboundRefusedException.class);
    }

    /**
     * DNS rebinding: the name resolved to an allowed address when it was registered and resolves to loopback
     * when the request is made. The HTTP client asks the policy at connection time and connects to the address
     * it checked, so the loopback server is never reached; once loopback is allowed the same client reaches it
     * (the connection does go to the policy's address, not to one the system resolver picked).
     */
    @Test
    void theHttpClientConnectsOnlyToAddressesCheckedAtConnectionTime() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger hits = new AtomicInteger();
        server.createContext("/", ex -> {
            hits.incrementAndGet();
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        AtomicReference<String> answer = new AtomicReference<>("203.0.113.7");
        OutboundPolicy.NameResolver rebinding = host -> {
            if (!host.equals("rebind.example")) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(answer.get())};
        };
        String url = "http://rebind.example:" + server.getAddress().getPort() + "/hook";
        try {
            OutboundPolicy strict = new OutboundPolicy(DEFAULTS, rebinding);
            strict.checkRegistration(OutboundTarget.WEBHOOK, "rebind.example", "url"); // allowed now
            answer.set("127.0.0.1");
            try (var client = OutboundHttp.client(strict, OutboundTarget.WEBHOOK, Duration.ofSeconds(2), Duration.ofSeconds(2))) {
                assertThatThrownBy(() -> client.execute(new HttpGet(url), r -> r.getCode()))
                        .satisfies(e -> assertThat(OutboundFailure.of(e)).isEqualTo(OutboundFailure.REFUSED_BY_POLICY));
            }
            assertThat(hits.get()).isZero();

            OutboundPolicy loopbackAllowed = new OutboundPolicy(DEFAULTS.withWebhooks(DEFAULTS.webhooks().withAllowLoopback(true)), rebinding);
            try (var client = OutboundHttp.client(loopbackAllowed, OutboundTarget.WEBHOOK, Duration.ofSeconds(2), Duration.ofSeconds(2))) {
                int status = client.execute(new HttpGet(url), r -> r.getCode());
                assertThat(status).isEqualTo(204);
            }
            assertThat(hits.get()).isEqualTo(1);
        } finally {
            server.stop(0);
        }
    }
}
