package org.carewatch.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.carewatch.alerts.model.AlertSource;
import org.carewatch.alerts.model.Trigger;
import org.carewatch.alerts.testing.AlertsFixture;
import org.carewatch.core.errors.ForbiddenException;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.security.CredentialCipher;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.profiles.sensor.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules {@link WebhookAdmin} owns, on a real database with a real receiver on loopback: only
 * administrators manage webhooks, each those of their own district; webhooks for every district are
 * read-only; another district's webhooks are not found. A refused call changes nothing and sends nothing.
 */
class WebhookAdminIT {
    static final String SECRET = "webhook-admin-it-secret-0123";
    static AlertsFixture fx;
    static HttpServer receiver;
    static final List<String> received = new CopyOnWriteArrayList<>();
    static WebhookRepository repo;
    static WebhookDispatcher dispatcher;
    static WebhookAdmin admin;
    static String url;

    @BeforeAll
    static void setUp() throws Exception {
        fx = new AlertsFixture(Map.of("CAREWATCH_ALERTS_WEBHOOKS_INITIAL_BACKOFF", "PT0.05S", "CAREWATCH_ALERTS_WEBHOOKS_MAX_ATTEMPTS", "1"));
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", ex -> {
            ex.getRequestBody().readAllBytes();
            received.add(ex.getRequestHeaders().getFirst("X-CareWatch-Event"));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.createContext("/broken", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        receiver.start();
        url = "http://127.0.0.1:" + receiver.getAddress().getPort();
        CredentialCipher cipher = CredentialCipher.fromKeyFile(Files.createTempDirectory("webhook-admin-it").resolve("credential.key"));
        repo = new WebhookRepository(fx.store.dataSource(), cipher);
        dispatcher = new WebhookDispatcher(repo, fx.cfg.webhooks(), fx.outbound);
        dispatcher.reload();
        fx.notifier.add(dispatcher);
        admin = new WebhookAdmin(fx.store.dataSource(), repo, dispatcher, fx.clock);
    }

    @AfterAll
    static void tearDown() throws Exception {
        dispatcher.close();
        receiver.stop(0);
        fx.close();
    }

    static void forbidden(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(ForbiddenException.class);
    }

    static void notFound(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(NotFoundException.class);
    }

    static WebhookInput hook(String path) {
        return new WebhookInput(url + path, SECRET, null, null);
    }

    /** Test deliveries the receiver got (alert deliveries of other tests may arrive at any time). */
    static long tests() {
        return received.stream().filter("webhook.test"::equals).count();
    }

    static long changes() throws SQLException {
        return fx.count("SELECT count(*) FROM alert_config_changes WHERE action LIKE 'webhook.%'");
    }

    @Test
    void onlyAdministratorsManageWebhooks() throws SQLException {
        long id = admin.create(fx.admin, hook("/hook")).info().id();
        long recorded = changes();
        long sent = tests();
        for (Principal p : new Principal[] {fx.officer, fx.auditor, fx.facilityA1}) {
            forbidden(() -> admin.list(p));
            forbidden(() -> admin.create(p, hook("/hook")));
            forbidden(() -> admin.read(p, id));
            forbidden(() -> admin.update(p, id, new WebhookInput(null, null, false, null)));
            forbidden(() -> admin.delete(p, id));
            forbidden(() -> admin.deadLetters(p, id, 10, 0));
            forbidden(() -> admin.test(p, id));
            // The role is checked before the input.
            forbidden(() -> admin.create(p, new WebhookInput("ftp://x", "short", null, null)));
        }
        // An administrator without a district manages nothing.
        Principal noDistrict = new Principal(fx.admin.userId(), "admin-nowhere", "admin-nowhere", Role.ADMIN, null, null, "en");
        forbidden(() -> admin.list(noDistrict));
        forbidden(() -> admin.read(noDistrict, id));
        assertThat(changes()).isEqualTo(recorded);
        assertThat(tests()).isEqualTo(sent);
        assertThat(admin.read(fx.admin, id).info().active()).isTrue();
    }

    @Test
    void anotherDistrictsWebhooksAreNotFound() throws SQLException {
        long id = admin.create(fx.admin, hook("/hook")).info().id();
        long recorded = changes();
        long sent = tests();
        assertThat(admin.list(fx.adminB)).noneMatch(v -> v.info().id() == id);
        notFound(() -> admin.read(fx.adminB, id));
        notFound(() -> admin.update(fx.adminB, id, new WebhookInput(null, null, false, null)));
        notFound(() -> admin.delete(fx.adminB, id));
        notFound(() -> admin.deadLetters(fx.adminB, id, 10, 0));
        notFound(() -> admin.test(fx.adminB, id));
        notFound(() -> admin.read(fx.admin, 999_999));
        // Nor may an administrator create one for another district.
        assertThatThrownBy(() -> admin.create(fx.admin, new WebhookInput(url + "/hook", SECRET, null, fx.districtB)))
                .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.field()).isEqualTo("districtId"));
        assertThatThrownBy(() -> admin.update(fx.admin, id, new WebhookInput(null, null, null, fx.districtB)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("districtId"));
        assertThat(changes()).isEqualTo(recorded);
        assertThat(tests()).isEqualTo(sent);
        assertThat(admin.read(fx.admin, id).info().active()).isTrue();

        // The owner's administrator may do all of it.
        assertThat(admin.update(fx.admin, id, new WebhookInput(null, null, false, null)).info().active()).isFalse();
        assertThat(admin.test(fx.admin, id).status()).isEqualTo(204);
        admin.delete(fx.admin, id);
        notFound(() -> admin.read(fx.admin, id));
    }

    @Test
    void aWebhookForEveryDistrictIsReadOnly() throws SQLException {
        long all;
        try (var c = fx.store.connection()) {
            all = repo.insert(c, null, url + "/hook", SECRET, false).id();
        }
        long sent = tests();
        for (Principal p : new Principal[] {fx.admin, fx.adminB}) {
            WebhookAdmin.View v = admin.read(p, all);
            assertThat(v.readOnly()).isTrue();
            assertThat(admin.list(p)).anyMatch(w -> w.info().id() == all && w.readOnly());
            forbidden(() -> admin.update(p, all, new WebhookInput(null, null, false, null)));
            forbidden(() -> admin.delete(p, all));
            forbidden(() -> admin.test(p, all));
        }
        assertThat(admin.read(fx.admin, all).info().active()).isFalse();
        assertThat(tests()).isEqualTo(sent);
    }

    @Test
    void deadLettersShowOnlyTheCallersDistrictsAlerts() throws Exception {
        long all = repo.add(null, url + "/broken", SECRET).id();
        long mine = admin.create(fx.admin, hook("/broken")).info().id();
        dispatcher.reload();
        long inA = raise(fx.centreA1, "dead-a");
        long inB = raise(fx.centreB1, "dead-b");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() ->
                admin.deadLetters(fx.admin, all, 10, 0).total() == 1 && admin.deadLetters(fx.adminB, all, 10, 0).total() == 1
                        && admin.deadLetters(fx.admin, mine, 10, 0).total() == 1);
        assertThat(admin.deadLetters(fx.admin, all, 10, 0).items()).singleElement()
                .satisfies(d -> assertThat(d.alertId()).isEqualTo(inA));
        assertThat(admin.deadLetters(fx.adminB, all, 10, 0).items()).singleElement()
                .satisfies(d -> assertThat(d.alertId()).isEqualTo(inB));
        notFound(() -> admin.deadLetters(fx.adminB, mine, 10, 0));
        // Stop both, so no other test hears from them.
        admin.update(fx.admin, mine, new WebhookInput(null, null, false, null));
        try (var c = fx.store.connection(); var st = c.createStatement()) {
            st.executeUpdate("UPDATE webhooks SET active = false WHERE id = " + all);
        }
        dispatcher.reload();
    }

    static long raise(long centre, String sensor) throws SQLException {
        return fx.service.raise(new Trigger(centre, AlertSource.SENSOR, sensor, "smoke", "smoke", Severity.CRITICAL, "Smoke", Map.of(), fx.clock.instant())).alert().id();
    }
}
