package org.carewatch.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.app.TestApp;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.config.ProfilesConfig;
import org.carewatch.core.testing.TestBroker;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.Role;
import org.carewatch.ingest.rtsp.AuthChallenge;
import org.carewatch.ingest.rtsp.DigestAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A camera whose RTSP stream is unreachable still gives a snapshot through its profile's HTTP snapshot
 * endpoint (a real HTTP server checking Digest auth); a site's own profile folder supplies the profile.
 */
class HttpSnapshotFallbackIT {
    @TempDir
    Path dir;

    @Test
    void unreachableStreamFallsBackToTheVendorSnapshotWithDigestAuth() throws Exception {
        AtomicInteger served = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ISAPI/Streaming/channels/101/picture", ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !validDigest(auth, ex.getRequestURI().toString())) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Digest realm=\"cam\", nonce=\"n0nce\", qop=\"auth\"");
                ex.sendResponseHeaders(401, -1);
                ex.close();
                return;
            }
            byte[] jpeg = tinyJpeg();
            ex.getResponseHeaders().add("Content-Type", "image/jpeg");
            ex.sendResponseHeaders(200, jpeg.length);
            ex.getResponseBody().write(jpeg);
            ex.close();
            served.incrementAndGet();
        });
        server.start();
        int closedRtsp;
        try (var s = new java.net.ServerSocket(0)) {
            closedRtsp = s.getLocalPort();
        }
        Path profiles = Files.createDirectories(dir.resolve("profiles/cameras"));
        Files.writeString(profiles.resolve("site-cam.yaml"), """
                id: site-cam
                name: Site camera
                name_zh: 本地摄像机
                vendor: Site
                family: test
                default_port: %d
                transport: tcp
                auth: digest
                rtsp:
                  main: /Streaming/Channels/{channel}01
                  sub: /Streaming/Channels/{channel}02
                max_channels: 1
                snapshot:
                  path: /ISAPI/Streaming/channels/{channel}01/picture
                  port: %d
                  auth: digest
                onvif: false
                quirks: []
                """.formatted(closedRtsp, server.getAddress().getPort()));
        try (TestDatabase db = TestDatabase.create()) {
            CareWatchConfig cfg = TestApp.config(db, dir.resolve("data"), TestBroker.url());
            cfg = cfg.withProfiles(new ProfilesConfig(dir.resolve("profiles").toString()));
            try (CareWatchApp app = CareWatchApp.start(cfg, false)) {
                Http http = new Http(app.httpPort());
                var data = new TestData(app.store().dataSource());
                long district = data.district("H");
                long centre = data.centre(district, "H1");
                data.user("h-admin", "pw", Role.ADMIN, district);
                String token = http.token("h-admin", "pw");
                var cam = http.post("/api/v1/centres/" + centre + "/cameras", token,
                        "{\"name\":\"door\",\"profileId\":\"site-cam\",\"host\":\"127.0.0.1\",\"username\":\"admin\",\"password\":\"pa:ss\",\"held\":false}");
                assertThat(cam.status()).as(cam.body()).isEqualTo(201);
                var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort()
                        + "/api/v1/cameras/" + cam.json().get("id").asLong() + "/snapshot.jpg?purpose=check")).header("Authorization", "Bearer " + token)
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
                assertThat(r.body()[0] & 0xff).isEqualTo(0xFF);
                assertThat(served.get()).isEqualTo(1);
            }
        } finally {
            server.stop(0);
        }
    }

    private static boolean validDigest(String header, String uri) {
        var p = AuthChallenge.parse(header).orElseThrow();
        String expected = DigestAlgorithm.MD5.response("admin", "cam", "pa:ss", "GET", uri, "n0nce", p.param("qop"), p.param("nc"),
                p.param("cnonce"));
        return "admin".equals(p.param("username")) && uri.equals(p.param("uri")) && expected.equals(p.param("response"));
    }

    private static byte[] tinyJpeg() throws java.io.IOException {
        var img = new java.awt.image.BufferedImage(64, 36, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }
}
