package org.carewatch.ui.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.app.TestApp;
import org.carewatch.core.testing.TestBroker;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.Role;
import org.carewatch.tools.simulator.cameras.CameraSimulator;
import org.carewatch.tools.simulator.cameras.SimulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/v1/cameras/{id}/live} over a real WebSocket against a node holding a simulated RTSP camera:
 * the district's policy (purpose required, disabled refused), masked cameras refused, the viewer limit (1
 * here), the access row, fMP4 segments flowing, and the socket closed when the token is revoked.
 */
class LiveRoutesIT {
    @TempDir
    static Path dataDir;
    static TestDatabase db;
    static CameraSimulator sim;
    static CareWatchApp app;
    static Http http;
    static long camera;
    static long masked;
    static long disabledCamera;
    static String officer;

    @BeforeAll
    static void start() throws Exception {
        sim = CameraSimulator.start(SimulatorOptions.defaults(3).withClipCacheDir(Path.of("target", "test-clips")));
        db = TestDatabase.create();
        var cfg = TestApp.config(db, dataDir, TestBroker.url());
        app = CareWatchApp.start(cfg.withConsole(cfg.console().withLiveMaxViewersPerCamera(1)), false);
        http = new Http(app.httpPort());
        var data = new TestData(app.store().dataSource());
        long district = data.district("LV");
        long centre = data.centre(district, "LV1");
        data.user("lv-officer", "pw", Role.OFFICER, district);
        data.user("lv-admin", "pw", Role.ADMIN, district);
        long offDistrict = data.district("LX");
        long offCentre = data.centre(offDistrict, "LX1");
        data.user("lx-admin", "pw", Role.ADMIN, offDistrict);
        try (var c = app.store().connection(); var ps = c.prepareStatement("UPDATE districts SET live_view_policy = 'disabled' WHERE id = ?")) {
            ps.setLong(1, offDistrict);
            ps.executeUpdate();
        }
        officer = http.token("lv-officer", "pw");
        String admin = http.token("lv-admin", "pw");
        camera = register(admin, centre, "/cam/1", "[]");
        masked = register(admin, centre, "/cam/2", "[{\"x\":0,\"y\":0,\"w\":0.5,\"h\":0.5}]");
        disabledCamera = register(http.token("lx-admin", "pw"), offCentre, "/cam/3", "[]");
        await().atMost(Duration.ofSeconds(20)).until(() -> List.of(camera, masked, disabledCamera).stream().allMatch(id -> {
            var h = http.get("/api/v1/cameras/" + id + "/health", id == disabledCamera ? null : officer);
            return h.status() != 200 || "streaming".equals(h.json().get("state").asText()) && h.json().get("width").asInt() > 0;
        }));
    }

    static long register(String admin, long centre, String path, String masks) {
        var r = http.post("/api/v1/centres/" + centre + "/cameras", admin, """
                {"name":"cam %s","profileId":"generic-rtsp","host":"127.0.0.1","port":%d,"path":"%s","held":true,"privacyMasks":%s}"""
                .formatted(path, sim.port(), path, masks));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        db.close();
        sim.close();
    }

    static final class Listener implements WebSocket.Listener {
        final List<String> texts = new CopyOnWriteArrayList<>();
        final List<byte[]> binaries = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            texts.add(data.toString());
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            partial.writeBytes(b);
            if (last) {
                binaries.add(partial.toByteArray());
                partial = new java.io.ByteArrayOutputStream();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        long fragments() {
            return binaries.stream().filter(b -> new String(b, 4, 4, StandardCharsets.US_ASCII).equals("moof")).count();
        }
    }

    static WebSocket connect(long id, String query, String token, Listener l) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://127.0.0.1:" + app.httpPort() + "/api/v1/cameras/" + id + "/live" + query), l)
                .get(20, TimeUnit.SECONDS);
    }

    static int refusedWith(long id, String query, String token) throws Exception {
        try {
            connect(id, query, token, new Listener()).abort();
            return 101;
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }

    static int liveRows(long id) throws Exception {
        try (var c = app.store().connection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM access_log WHERE action = 'live' AND object_id = " + id)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void policyMasksAndTheViewerLimitHoldAndVideoFlowsUntilTheTokenIsRevoked() throws Exception {
        assertThat(refusedWith(camera, "", officer)).as("purpose required").isEqualTo(400);
        assertThat(refusedWith(disabledCamera, "?purpose=urgent", http.token("lx-admin", "pw"))).as("disabled").isEqualTo(403);
        assertThat(refusedWith(masked, "?purpose=check", officer)).as("masked").isEqualTo(409);
        assertThat(liveRows(camera) + liveRows(masked) + liveRows(disabledCamera)).isZero();

        String token = http.token("lv-officer", "pw");
        Listener l = new Listener();
        WebSocket ws = connect(camera, "?purpose=nap%20check", token, l);
        await().atMost(Duration.ofSeconds(10)).until(() -> l.fragments() > 25);
        assertThat(l.texts.getFirst()).matches("\\{\"mime\":\"video/mp4; codecs=\\\\\"avc1\\.[0-9a-f]{6}\\\\\"\"\\}");
        assertThat(new String(l.binaries.getFirst(), 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        assertThat(refusedWith(camera, "?purpose=second", officer)).as("viewer limit 1").isEqualTo(409);
        assertThat(liveRows(camera)).isEqualTo(1);

        var revoked = http.delete("/api/v1/tokens/current", token);
        assertThat(revoked.status()).as(revoked.body()).isBetween(200, 204);
        assertThat(l.closed.get(10, TimeUnit.SECONDS)).isEqualTo(4001);
        ws.abort();
        // The session's end is logged with its duration.
        await().atMost(Duration.ofSeconds(5)).until(() -> liveRows(camera) == 2);
        try (var c = app.store().connection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT username, purpose, duration_ms FROM access_log WHERE action = 'live' AND object_id = "
                     + camera + " AND duration_ms IS NOT NULL")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("username")).isEqualTo("lv-officer");
            assertThat(rs.getString("purpose")).isEqualTo("nap check");
            assertThat(rs.getLong("duration_ms")).isGreaterThan(500);
        }
        // The place is free again once the revoked viewer is gone.
        await().atMost(Duration.ofSeconds(5)).until(() -> refusedWith(camera, "?purpose=again", officer) == 101);
    }
}
