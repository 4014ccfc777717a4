package org.carewatch.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.app.TestApp;
import org.carewatch.core.cameras.CameraRepository;
import org.carewatch.core.security.CredentialCipher;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CameraApiIT {
    @TempDir
    static Path dataDir;
    static TestDatabase db;
    static CareWatchApp app;
    static Http http;
    static long centre1;
    static long centre2;
    static String admin;
    static String facility;
    static String officer;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create();
        app = TestApp.start(db, dataDir);
        http = new Http(app.httpPort());
        var data = new TestData(app.store().dataSource());
        long district = data.district("D");
        centre1 = data.centre(district, "K1");
        centre2 = data.centre(district, "K2");
        data.user("cam-admin", "pw-admin", Role.ADMIN, district);
        data.user("cam-facility", "pw-facility", Role.FACILITY, centre1);
        data.user("cam-officer", "pw-officer", Role.OFFICER, district);
        admin = http.token("cam-admin", "pw-admin");
        facility = http.token("cam-facility", "pw-facility");
        officer = http.token("cam-officer", "pw-officer");
    }

    @AfterAll
    static void stop() {
        app.close();
        db.close();
    }

    @Test
    void facilityRegistersACameraWithAnAwkwardPasswordThatIsNeverShownAndSealedAtRest() throws Exception {
        String password = "p@ss:w/rd%密码";
        var r = http.post("/api/v1/centres/" + centre1 + "/cameras", facility, """
                {"name":"活动室","profileId":"hikvision","host":"192.0.2.10","channel":2,"stream":"sub",
                 "username":"admin","password":"%s","area":"activity"}""".formatted(password));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).doesNotContain("p@ss").doesNotContain("password\"");
        assertThat(r.json().get("hasPassword").asBoolean()).isTrue();
        long id = r.json().get("id").asLong();
        assertThat(http.get("/api/v1/cameras/" + id, officer).body()).doesNotContain("p@ss");

        try (var c = app.store().connection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT password_enc FROM cameras WHERE id = " + id)) {
            rs.next();
            assertThat(new String(rs.getBytes(1), StandardCharsets.ISO_8859_1)).doesNotContain("p@ss");
        }
        var repo = new CameraRepository(app.store().dataSource(),
                CredentialCipher.fromKeyFile(dataDir.resolve("secret/credential.key")), app.profiles());
        var endpoint = repo.endpoint(id);
        assertThat(endpoint.rtspUrl().getRawUserInfo()).isEqualTo("admin:p%40ss%3Aw%2Frd%25%E5%AF%86%E7%A0%81");
        assertThat(endpoint.rtspUrl().getPath()).contains("202");
        assertThat(endpoint.toString()).doesNotContain("p%40ss").doesNotContain("p@ss");
    }

    @Test
    void privacyRuleRefusesToiletsAndChangingRooms() {
        var r = http.post("/api/v1/centres/" + centre1 + "/cameras", admin,
                "{\"name\":\"x\",\"profileId\":\"dahua\",\"host\":\"cam.local\",\"area\":\"toilet\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("area");
        assertThat(r.json().get("message").asText()).contains("privacy");
    }

    @Test
    void hostileOrWrongFieldsAreRefusedWithTheField() {
        String[][] cases = {
                {"{\"name\":\"x\",\"profileId\":\"dahua\",\"host\":\"rtsp://evil/\"}", "host"},
                {"{\"name\":\"x\",\"profileId\":\"dahua\",\"host\":\"user:pw@10.0.0.1\"}", "host"},
                {"{\"name\":\"x\",\"profileId\":\"no-such\",\"host\":\"10.0.0.1\"}", "profileId"},
                {"{\"name\":\"x\",\"profileId\":\"generic-rtsp\",\"host\":\"10.0.0.1\"}", "path"},
                {"{\"name\":\"x\",\"profileId\":\"axis\",\"host\":\"10.0.0.1\",\"channel\":999}", "channel"},
                {"{\"name\":\"x\",\"profileId\":\"axis\",\"host\":\"10.0.0.1\",\"port\":70000}", "port"},
                {"{\"name\":\"x\",\"profileId\":\"axis\",\"host\":\"10.0.0.1\",\"stream\":\"third\"}", "stream"},
                {"{\"name\":\"x\",\"profileId\":\"generic-rtsp\",\"host\":\"10.0.0.1\",\"path\":\"rtsp://u:p@h/x\"}", "path"},
        };
        for (String[] c : cases) {
            var r = http.post("/api/v1/centres/" + centre1 + "/cameras", admin, c[0]);
            assertThat(r.status()).as(c[0] + " -> " + r.body()).isEqualTo(400);
            assertThat(r.json().get("field").asText()).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void rolesAndScopeAreChecked() {
        String body = "{\"name\":\"x\",\"profileId\":\"axis\",\"host\":\"10.0.0.1\"}";
        assertThat(http.post("/api/v1/centres/" + centre1 + "/cameras", officer, body).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/centres/" + centre2 + "/cameras", facility, body).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/centres/" + centre2 + "/cameras", facility).status()).isEqualTo(404);
        var created = http.post("/api/v1/centres/" + centre2 + "/cameras", admin, body);
        assertThat(created.status()).isEqualTo(201);
        assertThat(http.get("/api/v1/cameras/" + created.json().get("id").asLong(), facility).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/centres/" + centre2 + "/cameras", officer).json().get("count").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void updatesNeedTheCurrentVersionAndKeepThePasswordUnlessGiven() throws Exception {
        var created = http.post("/api/v1/centres/" + centre1 + "/cameras", admin,
                "{\"name\":\"door\",\"profileId\":\"generic-rtsp\",\"host\":\"10.0.0.2\",\"path\":\"/live/main\",\"username\":\"u\",\"password\":\"keep-me\"}");
        long id = created.json().get("id").asLong();
        var kept = http.patch("/api/v1/cameras/" + id, facility, "{\"held\":false,\"version\":0}");
        assertThat(kept.json().get("hasPassword").asBoolean()).isTrue();
        // Re-pointed without the password: it does not follow the camera (see security/CameraCredentialsIT); given again, it does.
        var moved = http.patch("/api/v1/cameras/" + id, facility, "{\"host\":\"10.0.0.3\",\"password\":\"keep-me\",\"version\":1}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().get("hasPassword").asBoolean()).isTrue();
        assertThat(moved.json().get("held").asBoolean()).isFalse();
        assertThat(http.patch("/api/v1/cameras/" + id, facility, "{\"host\":\"10.0.0.4\",\"version\":1}").status()).isEqualTo(409);
        var repo = new CameraRepository(app.store().dataSource(),
                CredentialCipher.fromKeyFile(dataDir.resolve("secret/credential.key")), app.profiles());
        assertThat(repo.endpoint(id).rtspUrl().toString()).isEqualTo("rtsp://u:keep-me@10.0.0.3:554/live/main");
    }
}
