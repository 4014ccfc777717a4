package org.carewatch.ui.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
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

/** The patrol API over real HTTP on a whole node: the contract's shapes, roles, scope and 400s that name the field. */
class PatrolApiIT {
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    static final LocalDate NEXT_WEEK = TODAY.plusDays(7);

    @TempDir
    static Path dataDir;
    static TestDatabase db;
    static CareWatchApp app;
    static Http http;
    static long districtA;
    static long centreA1;
    static long centreB1;
    static long officerA1;
    static String admin;
    static String officer;
    static String auditor;
    static String facility;
    static String adminB;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create();
        app = TestApp.start(db, dataDir);
        http = new Http(app.httpPort());
        TestData data = new TestData(app.store().dataSource());
        districtA = data.district("A");
        long districtB = data.district("B");
        centreA1 = data.centre(districtA, "A1");
        for (int i = 2; i <= 6; i++) {
            data.centre(districtA, "A" + i);
        }
        centreB1 = data.centre(districtB, "B1");
        try (var c = app.store().connection(); var st = c.createStatement()) {
            // Open every day, so the draws do not depend on the weekday the test runs on.
            st.execute("UPDATE centres SET open_days = '{1,2,3,4,5,6,7}', nap_starts_at = '12:00', nap_ends_at = '14:00'");
        }
        data.user("admin-a", "pw-admin-a", Role.ADMIN, districtA);
        officerA1 = data.user("officer-a1", "pw-officer", Role.OFFICER, districtA);
        data.user("officer-a2", "pw-officer", Role.OFFICER, districtA);
        data.user("auditor-a", "pw-auditor", Role.AUDITOR, districtA);
        data.user("facility-a1", "pw-facility", Role.FACILITY, centreA1);
        data.user("admin-b", "pw-admin-b", Role.ADMIN, districtB);
        admin = http.token("admin-a", "pw-admin-a");
        officer = http.token("officer-a1", "pw-officer");
        auditor = http.token("auditor-a", "pw-auditor");
        facility = http.token("facility-a1", "pw-facility");
        adminB = http.token("admin-b", "pw-admin-b");
        // Every officer works every day.
        for (String id : new String[] {String.valueOf(officerA1), String.valueOf(officerA1 + 1)}) {
            var r = http.patch("/api/v1/officers/" + id, admin, "{\"workingDays\":[1,2,3,4,5,6,7],\"version\":0}");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aDrawnDayHasTheContractsShapeAndIsHiddenFromFacilityStaff() {
        assertThat(http.post("/api/v1/rotations/" + NEXT_WEEK + "/draw", officer, "").status()).isEqualTo(403);
        var drawn = http.post("/api/v1/rotations/" + NEXT_WEEK + "/draw", admin, "{\"seed\":\"" + "0f".repeat(32) + "\"}");
        assertThat(drawn.status()).as(drawn.body()).isEqualTo(200);
        var r = http.get("/api/v1/rotations/" + NEXT_WEEK, officer);
        assertThat(r.status()).isEqualTo(200);
        JsonNode v = r.json();
        assertThat(v.get("date").asText()).isEqualTo(NEXT_WEEK.toString());
        assertThat(v.get("districtId").asLong()).isEqualTo(districtA);
        assertThat(v.get("seedCommitment").asText()).hasSize(64);
        assertThat(v.get("inputsDigest").asText()).hasSize(64);
        assertThat(v.get("seed").isNull()).as("not revealed before the day starts").isTrue();
        assertThat(v.get("unmet").isArray()).isTrue();
        JsonNode round = v.get("rounds").get(0);
        assertThat(round.get("name").asText()).isEqualTo("arrival");
        assertThat(round.get("startsAt").asText()).isEqualTo("08:00");
        assertThat(round.get("endsAt").asText()).isEqualTo("09:30");
        JsonNode assignment = round.get("assignments").get(0);
        assertThat(assignment.get("username").asText()).startsWith("officer-a");
        JsonNode visit = assignment.get("visits").get(0);
        assertThat(visit.get("visitId").asLong()).isPositive();
        assertThat(visit.get("centreId").asLong()).isPositive();
        assertThat(visit.get("order").asInt()).isEqualTo(1);
        assertThat(visit.get("status").asText()).isEqualTo("planned");
        int visits = 0;
        for (JsonNode a : round.get("assignments")) {
            visits += a.get("visits").size();
        }
        assertThat(visits).isEqualTo(6);

        assertThat(http.get("/api/v1/rotations/" + NEXT_WEEK, facility).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/rotations/" + NEXT_WEEK + "/export", facility).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/rotations/" + NEXT_WEEK, adminB).status()).isEqualTo(404);
        var export = http.get("/api/v1/rotations/" + NEXT_WEEK + "/export", auditor);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.json().get("seed").isNull()).isTrue();
        assertThat(export.json().get("format").asText()).isEqualTo("carewatch-rotation/1");
        var verify = http.get("/api/v1/rotations/" + NEXT_WEEK + "/verify", auditor).json();
        assertThat(verify.get("verified").asBoolean()).isFalse();
        assertThat(verify.get("reason").asText()).contains("not revealed");
    }

    @Test
    void todaysDrawIsRevealedAtOnceVerifiesAndAnAbsenceReDrawsIt() {
        var drawn = http.post("/api/v1/rotations/" + TODAY + "/draw", admin, "");
        assertThat(drawn.status()).as(drawn.body()).isEqualTo(200);
        assertThat(drawn.json().get("seed").asText()).hasSize(64);
        var verify = http.get("/api/v1/rotations/" + TODAY + "/verify", auditor).json();
        assertThat(verify.get("verified").asBoolean()).as(verify.toString()).isTrue();
        // The day has started: no re-draw, only absences.
        assertThat(http.post("/api/v1/rotations/" + TODAY + "/draw", admin, "").status()).isEqualTo(409);
        assertThat(http.post("/api/v1/rotations/" + TODAY + "/absences", officer, "{\"officerId\":" + officerA1 + "}").status()).isEqualTo(403);
        var r = http.post("/api/v1/rotations/" + TODAY + "/absences", admin, "{\"officerId\":" + officerA1 + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("redraws").size()).isEqualTo(1);
        for (JsonNode round : r.json().get("rounds")) {
            for (JsonNode a : round.get("assignments")) {
                for (JsonNode v : a.get("visits")) {
                    if (a.get("officerId").asLong() == officerA1) {
                        assertThat(v.get("status").asText()).isEqualTo("reassigned");
                    }
                }
            }
        }
        assertThat(http.get("/api/v1/rotations/" + TODAY + "/verify", officer).json().get("verified").asBoolean()).isTrue();
    }

    @Test
    void badInputIsA400NamingTheField() {
        expect400(http.get("/api/v1/rotations/2025-13-01", officer), "date");
        expect400(http.post("/api/v1/rotations/" + NEXT_WEEK.plusDays(1) + "/draw", admin, "{\"seed\":\"xyz\"}"), "seed");
        expect400(http.post("/api/v1/rotations/" + NEXT_WEEK.plusDays(1) + "/draw", admin, "{\"sead\":\"00\"}"), "sead");
        expect400(http.post("/api/v1/rotations/" + TODAY.minusDays(3) + "/draw", admin, ""), "date");
        expect400(http.post("/api/v1/rotations/" + NEXT_WEEK + "/absences", admin, "{}"), "officerId");
        expect400(http.post("/api/v1/rotations/" + NEXT_WEEK + "/absences", admin, "{\"officerId\":424242}"), "officerId");
        expect400(http.patch("/api/v1/officers/" + officerA1, admin, "{\"workingDays\":[8],\"version\":1}"), "workingDays");
        expect400(http.patch("/api/v1/officers/" + officerA1, admin, "{\"conflictCentreIds\":[" + centreB1 + "],\"version\":1}"),
                "conflictCentreIds");
        expect400(http.patch("/api/v1/officers/" + officerA1, admin, "{\"absences\":[{\"from\":\"2025-01-05\",\"to\":\"2025-01-01\"}],\"version\":1}"),
                "absences[0].to");
        expect400(http.put("/api/v1/districts/" + districtA + "/rotation-rules", admin,
                "{\"rounds\":[{\"name\":\"a\",\"startsAt\":\"09:00\",\"endsAt\":\"08:00\",\"coverage\":\"all_open\"}],\"version\":0}"), "rounds[0].endsAt");
        expect400(http.put("/api/v1/districts/" + districtA + "/rotation-rules", admin,
                "{\"rounds\":[{\"name\":\"a\",\"startsAt\":\"08:00\",\"endsAt\":\"09:00\",\"coverage\":\"sometimes\"}],\"version\":0}"), "rounds[0].coverage");
        expect400(http.post("/api/v1/centres/" + centreA1 + "/classes", facility, "{\"name\":\"x\",\"ageGroup\":\"teens\"}"), "ageGroup");
        expect400(http.post("/api/v1/centres/" + centreA1 + "/classes", facility, "{\"name\":\"x\",\"ageGroup\":\"mixed\",\"enrolled\":-1}"), "enrolled");
        expect400(http.post("/api/v1/spot-checks/draw", admin, "{\"districtId\":" + districtA + ",\"share\":0,\"from\":\"" + NEXT_WEEK
                + "\",\"to\":\"" + NEXT_WEEK + "\"}"), "share");
        expect400(http.post("/api/v1/spot-checks/draw", admin, "{\"districtId\":" + districtA + ",\"share\":0.5,\"from\":\"" + NEXT_WEEK
                + "\",\"to\":\"" + TODAY + "\"}"), "to");
        expect400(http.post("/api/v1/spot-checks/draw", admin, "{\"districtId\":" + districtA + ",\"share\":0.5,\"from\":\"soon\"}"), "from");
    }

    @Test
    void officersRulesClassesAndSpotChecksFollowRoleAndScope() {
        var roster = http.get("/api/v1/officers/" + officerA1, auditor);
        assertThat(roster.status()).isEqualTo(200);
        assertThat(roster.json().get("conflictCentreIds").isArray()).isTrue();
        assertThat(http.get("/api/v1/officers/" + officerA1, facility).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/officers/" + officerA1, adminB).status()).isEqualTo(404);
        assertThat(http.patch("/api/v1/officers/" + officerA1, officer, "{\"version\":1}").status()).isEqualTo(403);
        assertThat(http.get("/api/v1/officers", officer).json().get("count").asInt()).isEqualTo(2);

        var rules = http.get("/api/v1/districts/" + districtA + "/rotation-rules", officer);
        assertThat(rules.status()).isEqualTo(200);
        assertThat(rules.json().get("timeZone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(rules.json().get("rounds").size()).isEqualTo(3);
        assertThat(http.get("/api/v1/districts/" + districtA + "/rotation-rules", facility).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/districts/" + districtA + "/rotation-rules", adminB).status()).isEqualTo(404);
        String body = "{\"rounds\":[{\"name\":\"arrival\",\"startsAt\":\"08:00\",\"endsAt\":\"09:30\",\"coverage\":\"all_open\"},"
                + "{\"name\":\"nap\",\"startsAt\":\"12:30\",\"endsAt\":\"14:00\",\"coverage\":\"napping\"}],\"maxFrameAgeMinutes\":25,\"version\":0}";
        assertThat(http.put("/api/v1/districts/" + districtA + "/rotation-rules", officer, body).status()).isEqualTo(403);

        var created = http.post("/api/v1/centres/" + centreA1 + "/classes", facility,
                "{\"name\":\"托小班\",\"ageGroup\":\"24_36_months\",\"enrolled\":18,\"carers\":3}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long classId = created.json().get("id").asLong();
        assertThat(http.post("/api/v1/centres/" + centreA1 + "/classes", officer, "{\"name\":\"x\",\"ageGroup\":\"mixed\"}").status()).isEqualTo(403);
        assertThat(http.get("/api/v1/centres/" + centreA1 + "/classes", auditor).json().get("count").asInt()).isEqualTo(1);
        var changed = http.patch("/api/v1/centres/" + centreA1 + "/classes/" + classId, admin, "{\"carers\":4,\"version\":0}");
        assertThat(changed.json().get("carers").asInt()).isEqualTo(4);
        assertThat(http.patch("/api/v1/centres/" + centreA1 + "/classes/" + classId, admin, "{\"carers\":5,\"version\":0}").status()).isEqualTo(409);
        assertThat(http.delete("/api/v1/centres/" + centreA1 + "/classes/" + classId, adminB).status()).isEqualTo(404);
        assertThat(http.delete("/api/v1/centres/" + centreA1 + "/classes/" + classId, facility).status()).isEqualTo(204);

        String draw = "{\"districtId\":" + districtA + ",\"share\":0.5,\"from\":\"" + NEXT_WEEK + "\",\"to\":\"" + NEXT_WEEK.plusDays(6) + "\"}";
        assertThat(http.post("/api/v1/spot-checks/draw", officer, draw).status()).isEqualTo(403);
        var spot = http.post("/api/v1/spot-checks/draw", admin, draw);
        assertThat(spot.status()).as(spot.body()).isEqualTo(201);
        long id = spot.json().get("id").asLong();
        JsonNode check = spot.json().get("checks").get(0);
        assertThat(check.get("inspectorIds").size()).isEqualTo(2);
        assertThat(spot.json().get("checks").size()).isEqualTo(3);
        assertThat(spot.json().get("seed").isNull()).isTrue();
        assertThat(http.get("/api/v1/spot-checks/" + id, auditor).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/spot-checks/" + id, facility).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/spot-checks/" + id, adminB).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/spot-checks/draw", adminB, draw).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/openapi.yaml", null).body()).contains("/patrols/frames/{frameId}.jpg:", "/rotations/{date}/draw:", "/rotations/{date}/absences:",
                "/rotations/{date}/export:", "/rotations/{date}/verify:", "/officers/{id}:", "/districts/{id}/rotation-rules:",
                "/centres/{id}/classes:", "/spot-checks/draw:", "/spot-checks/{id}:");
    }

    static void expect400(Http.Response r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).as(r.body()).isEqualTo(field);
        assertThat(r.json().get("error").asText()).isNotBlank();
        assertThat(r.json().get("message").asText()).isNotBlank();
    }
}
