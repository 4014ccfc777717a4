package org.carewatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.app.TestApp;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 9 against a running node: device names (and so MQTT topics) are claimed per centre, under
 * the centre's code, so no centre can take a topic meant for another centre's device before it is
 * registered; a topic registered twice, whatever the profile, is a 409; and a 409 names nothing outside the
 * caller's scope.
 */
class DeviceClaimsIT {
    @TempDir
    static Path dataDir;
    static TestDatabase db;
    static CareWatchApp app;
    static Http http;
    static ErrorLog log;
    static long centreA1;
    static long centreB1;
    static String facilityA1;
    static String adminB;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create();
        app = TestApp.start(db, dataDir);
        http = new Http(app.httpPort());
        var data = new TestData(app.store().dataSource());
        long a = data.district("A");
        long b = data.district("B");
        centreA1 = data.centre(a, "A1");
        centreB1 = data.centre(b, "B1");
        data.user("facility-a1", "facility-pass", Role.FACILITY, centreA1);
        data.user("admin-b", "admin-pass", Role.ADMIN, b);
        facilityA1 = http.token("facility-a1", "facility-pass");
        adminB = http.token("admin-b", "admin-pass");
        log = new ErrorLog();
    }

    @AfterAll
    static void stop() {
        if (log != null) {
            log.close();
        }
        if (app != null) {
            app.close();
        }
        db.close();
    }

    static Http.Response register(long centre, String token, String profile, String keyOrTopic, boolean topic) {
        return http.post("/api/v1/centres/" + centre + "/sensors", token, "{\"name\":\"Kitchen smoke\",\"profileId\":\"" + profile + "\",\""
                + (topic ? "topic" : "deviceKey") + "\":\"" + keyOrTopic + "\"}");
    }

    @Test
    void aCentreCannotClaimATopicMeantForAnotherCentresDevice() {
        var squat = register(centreA1, facilityA1, "z2m-smoke", "zigbee2mqtt/B1.kitchen-smoke", true);
        assertThat(squat.status()).as(squat.body()).isEqualTo(400);
        assertThat(squat.json().get("field").asText()).isEqualTo("topic");
        assertThat(squat.json().get("message").asText()).contains("A1.");
        var unprefixed = register(centreA1, facilityA1, "z2m-smoke", "kitchen-smoke", false);
        assertThat(unprefixed.status()).isEqualTo(400);
        assertThat(unprefixed.json().get("field").asText()).isEqualTo("deviceKey");

        // The real device at B1 registers, whatever A1 tried first.
        assertThat(register(centreB1, adminB, "z2m-smoke", "B1.kitchen-smoke", false).status()).isEqualTo(201);
        assertThat(register(centreA1, facilityA1, "z2m-smoke", "A1.kitchen-smoke", false).status()).isEqualTo(201);
        assertThat(log.problems()).isEmpty();
    }

    @Test
    void aTopicIsRegisteredOnceWhateverTheProfileAndOnlyTheCallersOwnSensorIsNamed() {
        var first = register(centreA1, facilityA1, "z2m-door-contact", "A1.nap-door", false);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        long id = first.json().get("id").asLong();

        var again = register(centreA1, facilityA1, "z2m-door-contact", "zigbee2mqtt/A1.nap-door", true);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("message").asText()).contains("sensor " + id);
        // Another profile on the same topic would make routing ambiguous: refused too.
        assertThat(register(centreA1, facilityA1, "z2m-smoke", "A1.nap-door", false).status()).isEqualTo(409);
        assertThat(log.problems()).isEmpty();
    }

    @Test
    void aConflictWithAnotherCentresDeviceNamesNothingOfIt() throws Exception {
        // A device registered at B1 before names were claimed per centre (as an older installation may have).
        long legacy;
        try (Connection c = app.store().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sensors (centre_id, name, profile_id, device_key) VALUES (?, 'Secret room B1', 'z2m-gas', 'A1.gas') RETURNING id")) {
            ps.setLong(1, centreB1);
            try (var rs = ps.executeQuery()) {
                rs.next();
                legacy = rs.getLong(1);
            }
        }
        var r = register(centreA1, facilityA1, "z2m-gas", "A1.gas", false);
        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(r.body()).doesNotContain("B1", "Secret room", "sensor " + legacy, String.valueOf(centreB1) + ",", "z2m-gas'");
        assertThat(r.json().get("message").asText()).contains("already registered");
        assertThat(log.problems()).isEmpty();
    }
}
