package org.carewatch.ui.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.app.TestApp;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.testing.TestBroker;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.PasswordHasher;
import org.carewatch.core.users.Role;
import org.carewatch.core.users.UserRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A held camera that cannot be reached goes offline in RTSP ingest; its stream-health events reach the
 * alert engine and, once offline for longer than {@code alerts.camera.faultAfter} (2 s here) during
 * opening hours, become a camera-offline alert.
 */
class CameraFaultAlertIT {
    @TempDir
    Path dataDir;

    @Test
    void anUnreachableHeldCameraBecomesACameraOfflineAlert() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (TestDatabase db = TestDatabase.create()) {
            CareWatchConfig cfg = TestApp.config(db, dataDir, TestBroker.url());
            cfg = cfg.withAlerts(ConfigLoader.load(null, Map.of("CAREWATCH_ALERTS_CAMERA_FAULT_AFTER", "PT2S")).alerts());
            try (CareWatchApp app = CareWatchApp.start(cfg, false)) {
                long district;
                long centre;
                try (var c = app.store().connection(); var st = c.createStatement()) {
                    st.execute("INSERT INTO districts (code, name) VALUES ('C', 'C')");
                    var rs = st.executeQuery("INSERT INTO centres (district_id, code, name, open_days, opens_at, closes_at) SELECT id, 'C1', "
                            + "'Centre C1', '{1,2,3,4,5,6,7}', '00:00', '23:59' FROM districts WHERE code = 'C' RETURNING district_id, id");
                    rs.next();
                    district = rs.getLong(1);
                    centre = rs.getLong(2);
                }
                new UserRepository(app.store().dataSource()).create("officer-c", "Officer C", new PasswordHasher().hash("pass-officer"),
                        Role.OFFICER, district, null, "en");
                new UserRepository(app.store().dataSource()).create("admin-c", "Admin C", new PasswordHasher().hash("pass-admin"),
                        Role.ADMIN, district, null, "en");
                Http http = new Http(app.httpPort());
                String admin = http.token("admin-c", "pass-admin");
                var cam = http.post("/api/v1/centres/" + centre + "/cameras", admin,
                        "{\"name\":\"room 1\",\"profileId\":\"hikvision\",\"host\":\"127.0.0.1\",\"port\":" + closedPort + ",\"held\":true}");
                assertThat(cam.status()).as(cam.body()).isEqualTo(201);
                long cameraId = cam.json().get("id").asLong();
                String officer = http.token("officer-c", "pass-officer");
                var alert = await().atMost(Duration.ofSeconds(60)).until(
                        () -> http.get("/api/v1/alerts?source=camera", officer).json().get("items"), items -> items.size() == 1).get(0);
                assertThat(alert.get("kind").asText()).isEqualTo("camera-offline");
                assertThat(alert.get("sourceId").asText()).isEqualTo(Long.toString(cameraId));
                assertThat(alert.get("severity").asText()).isEqualTo("major");
                assertThat(alert.get("centreId").asLong()).isEqualTo(centre);
            }
        }
    }
}
