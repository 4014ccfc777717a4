package org.carewatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * Issue 12, item 8: a centre's changes to its own cameras (switching off, re-pointing, masks) are recorded
 * (who, when, before and after, no password), visible to the district, alerted to the district when made
 * during opening hours, and new masks (or masks taken away) wait for an administrator of the district while
 * the old ones stay. An administrator's own changes apply at once and are recorded too. One centre is open
 * around the clock, the other never, so the test does not depend on the time it runs.
 */
class CentreCameraChangesIT {
    private static final String KIND = "camera-changed-by-centre";

    @RegisterExtension
    static final NoErrorsLogged logs = new NoErrorsLogged();
    @TempDir
    static Path dataDir;
    static TestDatabase db;
    static CareWatchApp app;
    static Http http;
    static long openCentre;
    static long closedCentre;
    static String admin;
    static String officer;
    static String auditor;
    static String staffOpen;
    static String staffClosed;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create();
        app = TestApp.start(db, dataDir);
        http = new Http(app.httpPort());
        var data = new TestData(app.store().dataSource());
        long district = data.district("CHG");
        openCentre = data.centre(district, "CHG-OPEN");
        closedCentre = data.centre(district, "CHG-CLOSED");
        try (var c = app.store().connection(); var st = c.createStatement()) {
            st.execute("UPDATE centres SET open_days = '{1,2,3,4,5,6,7}', opens_at = '00:00', closes_at = '23:59:59.999' WHERE id = " + openCentre);
            st.execute("UPDATE centres SET open_days = '{}' WHERE id = " + closedCentre);
        }
        data.user("chg-admin", "pw", Role.ADMIN, district);
        data.user("chg-officer", "pw", Role.OFFICER, district);
        data.user("chg-auditor", "pw", Role.AUDITOR, district);
        data.user("chg-staff-open", "pw", Role.FACILITY, openCentre);
        data.user("chg-staff-closed", "pw", Role.FACILITY, closedCentre);
        admin = http.token("chg-admin", "pw");
        officer = http.token("chg-officer", "pw");
        auditor = http.token("chg-auditor", "pw");
        staffOpen = http.token("chg-staff-open", "pw");
        staffClosed = http.token("chg-staff-closed", "pw");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        db.close();
    }

    @Test
    void switchingOffAndRePointingAreRecordedAndAlertedDuringOpeningHours() {
        long cam = camera(openCentre, staffOpen, "[]");
        assertThat(patch(cam, staffOpen, "{\"active\":false}").status()).isEqualTo(200);
        JsonNode off = latestChange(openCentre, cam);
        assertThat(off.get("action").asText()).isEqualTo("update");
        assertThat(off.get("username").asText()).isEqualTo("chg-staff-open");
        assertThat(off.get("role").asText()).isEqualTo("facility");
        assertThat(off.get("fields")).extracting(JsonNode::asText).containsExactly("active");
        assertThat(off.get("before").get("active").asBoolean()).isTrue();
        assertThat(off.get("after").get("active").asBoolean()).isFalse();
        assertThat(off.get("openingHours").asBoolean()).isTrue();

        var moved = patch(cam, staffOpen, "{\"host\":\"10.9.9.9\",\"port\":8554}");
        assertThat(moved.status()).isEqualTo(200);
        JsonNode repointed = latestChange(openCentre, cam);
        assertThat(repointed.get("fields")).extracting(JsonNode::asText).contains("host", "port", "hasPassword");
        assertThat(repointed.get("before").get("host").asText()).isEqualTo("10.0.0.50");
        assertThat(repointed.get("after").get("host").asText()).isEqualTo("10.9.9.9");
        assertThat(http.get("/api/v1/centres/" + openCentre + "/camera-changes", auditor).body()).doesNotContain("cam-password-1");

        // The district is alerted (major), once per camera with the later change counted on it.
        JsonNode alerts = http.get("/api/v1/alerts?centre=" + openCentre + "&kind=" + KIND, officer).json().get("items");
        List<JsonNode> mine = forCamera(alerts, cam);
        assertThat(mine).hasSize(1);
        assertThat(mine.getFirst().get("severity").asText()).isEqualTo("major");
        assertThat(mine.getFirst().get("occurrences").asInt()).isEqualTo(2);
        // The centre's own staff do not read the district's record.
        assertThat(http.get("/api/v1/centres/" + openCentre + "/camera-changes", staffOpen).status()).isEqualTo(403);
    }

    @Test
    void outsideOpeningHoursTheChangeIsRecordedButNotAlerted() {
        long cam = camera(closedCentre, staffClosed, "[]");
        assertThat(patch(cam, staffClosed, "{\"active\":false}").status()).isEqualTo(200);
        JsonNode off = latestChange(closedCentre, cam);
        assertThat(off.get("openingHours").asBoolean()).isFalse();
        var alerts = http.get("/api/v1/alerts?centre=" + closedCentre + "&kind=" + KIND, officer);
        assertThat(alerts.status()).as(alerts.body()).isEqualTo(200);
        assertThat(forCamera(alerts.json().get("items"), cam)).isEmpty();
    }

    @Test
    void newOrRemovedMasksWaitForTheDistrictAdministratorWhileTheOldOnesStay() {
        long cam = camera(openCentre, staffOpen, "[]");
        String mask = "[{\"x\":0.1,\"y\":0.1,\"w\":0.3,\"h\":0.3}]";
        var asked = patch(cam, staffOpen, "{\"privacyMasks\":" + mask + "}");
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.json().get("privacyMasks")).isEmpty(); // not applied yet
        JsonNode request = pendingRequest(openCentre, cam);
        assertThat(request.get("addsCoverage").asBoolean()).isTrue();
        assertThat(latestChange(openCentre, cam).get("maskRequestId").asLong()).isEqualTo(request.get("id").asLong());
        // Only an administrator of the district decides.
        var byOfficer = http.post("/api/v1/mask-requests/" + request.get("id").asLong() + "/approve", officer, "");
        assertThat(byOfficer.status()).as(byOfficer.body()).isEqualTo(403);
        assertThat(http.post("/api/v1/mask-requests/" + request.get("id").asLong() + "/approve", staffOpen, "").status()).isEqualTo(403);
        var approved = http.post("/api/v1/mask-requests/" + request.get("id").asLong() + "/approve", admin, "{\"note\":\"door of the nursing room\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("state").asText()).isEqualTo("approved");
        assertThat(http.get("/api/v1/cameras/" + cam, officer).json().get("privacyMasks")).hasSize(1);
        assertThat(latestChange(openCentre, cam).get("action").asText()).isEqualTo("masks_approved");
        assertThat(http.post("/api/v1/mask-requests/" + request.get("id").asLong() + "/approve", admin, "").status()).isEqualTo(409);

        // Taking the mask away shows more of the picture: that waits too, and a rejection keeps the mask.
        assertThat(patch(cam, staffOpen, "{\"privacyMasks\":[]}").json().get("privacyMasks")).hasSize(1);
        JsonNode removal = pendingRequest(openCentre, cam);
        assertThat(removal.get("removesCoverage").asBoolean()).isTrue();
        assertThat(http.post("/api/v1/mask-requests/" + removal.get("id").asLong() + "/reject", admin, "").json().get("state").asText())
                .isEqualTo("rejected");
        assertThat(http.get("/api/v1/cameras/" + cam, officer).json().get("privacyMasks")).hasSize(1);
    }

    @Test
    void anAdministratorsOwnChangesApplyAtOnceAndAreRecordedWithoutAlert() {
        long cam = camera(openCentre, admin, "[]");
        var masked = patch(cam, admin, "{\"privacyMasks\":[{\"x\":0.5,\"y\":0.5,\"w\":0.2,\"h\":0.2}],\"active\":false}");
        assertThat(masked.json().get("privacyMasks")).hasSize(1);
        JsonNode change = latestChange(openCentre, cam);
        assertThat(change.get("role").asText()).isEqualTo("admin");
        assertThat(change.get("fields")).extracting(JsonNode::asText).contains("privacyMasks", "active");
        assertThat(forCamera(http.get("/api/v1/alerts?centre=" + openCentre + "&kind=" + KIND, officer).json().get("items"), cam)).isEmpty();
    }

    private static long camera(long centre, String token, String masks) {
        var r = http.post("/api/v1/centres/" + centre + "/cameras", token, """
                {"name":"room","profileId":"generic-rtsp","host":"10.0.0.50","path":"/live","username":"admin",
                 "password":"cam-password-1","held":false,"privacyMasks":%s}""".formatted(masks));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private static Http.Response patch(long cam, String token, String fields) {
        int version = http.get("/api/v1/cameras/" + cam, admin).json().get("version").asInt();
        return http.patch("/api/v1/cameras/" + cam, token, fields.replaceFirst("}$", ",\"version\":" + version + "}"));
    }

    private static JsonNode latestChange(long centre, long cam) {
        var r = http.get("/api/v1/centres/" + centre + "/camera-changes?limit=50", officer);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (JsonNode c : r.json().get("items")) {
            if (c.get("cameraId").asLong() == cam) {
                return c;
            }
        }
        throw new AssertionError("no change recorded for camera " + cam + ": " + r.body());
    }

    private static JsonNode pendingRequest(long centre, long cam) {
        var r = http.get("/api/v1/centres/" + centre + "/mask-requests?state=pending", admin);
        for (JsonNode q : r.json().get("items")) {
            if (q.get("cameraId").asLong() == cam) {
                return q;
            }
        }
        throw new AssertionError("no pending mask request for camera " + cam + ": " + r.body());
    }

    private static List<JsonNode> forCamera(JsonNode alerts, long cam) {
        List<JsonNode> out = new ArrayList<>();
        alerts.forEach(a -> {
            if (a.get("sourceId").asText().equals(Long.toString(cam))) {
                out.add(a);
            }
        });
        return out;
    }
}
