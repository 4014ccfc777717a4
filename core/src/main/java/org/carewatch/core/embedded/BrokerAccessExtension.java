package org.carewatch.core.embedded;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.carewatch.core.mqtt.BrokerAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HiveMQ's side of {@link BrokerAccess}: an embedded extension whose authenticator decides each CONNECT on a
 * small bounded pool (the decision may query PostgreSQL and hash a password; HiveMQ's own threads must not
 * wait for that) and hands the broker the connection's permissions, which it then checks for every publish
 * and subscribe in memory. A device's permissions allow publishing to its topics and nothing else.
 */
final class BrokerAccessExtension implements ExtensionMain {
    private static final Logger log = LoggerFactory.getLogger(BrokerAccessExtension.class);
    /** Longest a client waits for its login to be decided before it is refused. */
    private static final Duration DECISION_TIMEOUT = Duration.ofSeconds(10);

    private final BrokerAccess access;
    private final ThreadPoolExecutor checks;
    /** Which login each connected device client id used: to disconnect them when their password changes. */
    private final Map<String, String> deviceClients = new ConcurrentHashMap<>();

    BrokerAccessExtension(BrokerAccess access) {
        this.access = access;
        AtomicInteger n = new AtomicInteger();
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        // Bounded: a connection storm beyond the queue is told "server busy" and retries, memory stays flat.
        this.checks = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000), r -> {
            Thread t = new Thread(r, "mqtt-login-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        checks.allowCoreThreadTimeOut(true);
    }

    @Override
    public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
        Services.securityRegistry().setAuthenticatorProvider(input -> (SimpleAuthenticator) this::onConnect);
    }

    @Override
    public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {
        checks.shutdownNow();
    }

    private void onConnect(SimpleAuthInput in, SimpleAuthOutput out) {
        ConnectPacket p = in.getConnectPacket();
        String clientId = p.getClientId();
        String username = p.getUserName().orElse(null);
        byte[] password = p.getPassword().map(BrokerAccessExtension::bytes).orElse(null);
        Async<SimpleAuthOutput> async = out.async(DECISION_TIMEOUT, TimeoutFallback.FAILURE, ConnackReasonCode.SERVER_BUSY,
                "login could not be checked in time");
        try {
            checks.execute(() -> {
                try {
                    decide(clientId, username, password, out);
                } finally {
                    async.resume();
                }
            });
        } catch (RejectedExecutionException busy) {
            out.failAuthentication(ConnackReasonCode.SERVER_BUSY, "too many logins at once, try again");
            async.resume();
        }
    }

    private void decide(String clientId, String username, byte[] password, SimpleAuthOutput out) {
        BrokerAccess.Grant g;
        try {
            g = access.authenticate(clientId, username, password);
        } catch (Exception e) {
            log.warn("MQTT login of client {} could not be checked: {}", clientId, e.toString());
            out.failAuthentication(ConnackReasonCode.SERVER_UNAVAILABLE, "login could not be checked");
            return;
        }
        if (!g.allowed()) {
            if (g.badLogin()) {
                log.debug("MQTT client {} refused: {}", clientId, g.refusal());
                out.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password");
            } else {
                log.info("MQTT client {} refused: {}", clientId, g.refusal());
                out.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "not authorized");
            }
            return;
        }
        ModifiableDefaultPermissions perms = out.getDefaultPermissions();
        perms.clear();
        if (g.everything()) {
            perms.setDefaultBehaviour(DefaultAuthorizationBehaviour.ALLOW);
            deviceClients.remove(clientId);
        } else {
            for (String topic : g.publish()) {
                perms.add(Builders.topicPermission().topicFilter(topic).type(TopicPermission.PermissionType.ALLOW)
                        .activity(TopicPermission.MqttActivity.PUBLISH).build());
            }
            perms.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
            deviceClients.put(clientId, g.identity());
        }
        out.authenticateSuccessfully();
    }

    /** Disconnects the clients logged in as {@code username} (a device whose password was replaced). */
    int disconnect(String username) {
        int n = 0;
        for (var e : deviceClients.entrySet()) {
            if (e.getValue().equals(username) && deviceClients.remove(e.getKey(), username)) {
                Services.clientService().disconnectClient(e.getKey());
                n++;
            }
        }
        return n;
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
