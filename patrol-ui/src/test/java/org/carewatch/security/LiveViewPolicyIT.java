package org.carewatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.app.TestApp;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, item 7: the district's live-view policy is enforced for snapshots: under {@code purpose} a
 * snapshot without one is 400 naming {@code purpose}; under {@code disabled} it is refused whatever the
 * purpose; under {@code allowed} none is needed. A request the policy lets through goes on to the camera
 * (here nothing listens, so it ends as unreachable) and one it refuses never gets there or into the log.
 */
class LiveViewPolicyIT {
    @RegisterExtension
    static final NoErrorsLogged logs = new NoErrorsLogged();
    @TempDir
    static Path dataDir;
    static TestDatabase db;
    static CareWatchApp app;
    static Http http;
    static long purposeCamera;
    static long disabledCamera;
    static long allowedCamera;
    static String officerP;
    static String adminD;
    static String officerA;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create();
        app = TestApp.start(db, dataDir);
        http = new Http(app.httpPort());
        var data = new TestData(app.store().dataSource());
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        purposeCamera = cameraIn(data, "LVP", "purpose", closed);
        disabledCamera = cameraIn(data, "LVD", "disabled", closed);
        allowedCamera = cameraIn(data, "LVA", "allowed", closed);
        officerP = http.token("officer-lvp", "pw");
        adminD = http.token("admin-lvd", "pw");
        officerA = http.token("officer-lva", "pw");
    }

    private static long cameraIn(TestData data, String code, String policy, int port) throws Exception {
        long district = data.district(code);
        try (var c = app.store().connection(); var ps = c.prepareStatement("UPDATE districts SET live_view_policy = ? WHERE id = ?")) {
            ps.setString(1, policy);
            ps.setLong(2, district);
            ps.executeUpdate();
        }
        long centre = data.centre(district, code + "1");
        data.user("officer-" + code.toLowerCase(), "pw", Role.OFFICER, district);
        data.user("admin-" + code.toLowerCase(), "pw", Role.ADMIN, district);
        String admin = http.token("admin-" + code.toLowerCase(), "pw");
        var r = http.post("/api/v1/centres/" + centre + "/cameras", admin,
                "{\"name\":\"room\",\"profileId\":\"generic-rtsp\",\"host\":\"127.0.0.1\",\"port\":" + port + ",\"path\":\"/live\",\"held\":false}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        db.close();
    }

    @Test
    void aSnapshotWithoutPurposeIsRefusedUnderThePurposePolicy() throws Exception {
        for (String query : new String[] {"", "?purpose=", "?purpose=%20%20", "?width=200"}) {
            var r = http.get("/api/v1/cameras/" + purposeCamera + "/snapshot.jpg" + query, officerP);
            assertThat(r.status()).as(query + " -> " + r.body()).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo("purpose");
        }
        var withPurpose = http.get("/api/v1/cameras/" + purposeCamera + "/snapshot.jpg?purpose=nap%20check", officerP);
        assertThat(withPurpose.status()).as(withPurpose.body()).isEqualTo(503);
        assertThat(withPurpose.json().get("error").asText()).isEqualTo("camera_unreachable");
        assertThat(accessLogRows()).isZero(); // no picture was shown, so nothing was logged
    }

    @Test
    void liveViewIsRefusedUnderTheDisabledPolicyWhateverThePurpose() {
        var r = http.get("/api/v1/cameras/" + disabledCamera + "/snapshot.jpg?purpose=urgent", adminD);
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.json().get("error").asText()).isEqualTo("live_view_disabled");
    }

    @Test
    void noPurposeIsNeededUnderTheAllowedPolicy() {
        var r = http.get("/api/v1/cameras/" + allowedCamera + "/snapshot.jpg", officerA);
        assertThat(r.status()).as(r.body()).isEqualTo(503);
        assertThat(r.json().get("error").asText()).isEqualTo("camera_unreachable");
    }

    private static int accessLogRows() throws Exception {
        try (var c = app.store().connection(); var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM access_log")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
