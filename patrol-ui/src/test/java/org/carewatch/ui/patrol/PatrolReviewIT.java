package org.carewatch.ui.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.app.TestApp;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.Role;
import org.carewatch.patrol.frames.FrameRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The officer's review over real HTTP on a whole node with the embedded PostgreSQL: today's queue, a visit with
 * its frames and classes, verdicts (normal and findings), findings as alerts the centre answers and the officer
 * resolves, ratio flags, suspected abuse, coverage and the overdue check, roles and scope, 400s naming the field.
 * Frames are rows in patrol_frames as the sampler writes them (the sampler itself is tested on its own branch).
 */
class PatrolReviewIT {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate TODAY = LocalDate.now(SHANGHAI);

    @TempDir
    static Path dataDir;
    static TestDatabase db;
    static CareWatchApp app;
    static Http http;
    static long districtA;
    static long officerA1;
    static long officerA2;
    static String admin;
    static String officer;
    static String officer2;
    static String auditor;
    static String adminB;
    static String officerB;
    /** Facility staff of each centre of district A. */
    static final Map<Long, String> facility = new HashMap<>();
    /** The class (under 12 months) of each centre of district A. */
    static final Map<Long, Long> classOf = new HashMap<>();
    /** Officer A1's visits not used by a test yet. */
    static final Deque<JsonNode> unused = new ArrayDeque<>();

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create();
        // The node's own review schedule runs hourly here, so that the overdue check the test runs is the only one.
        var cfg = TestApp.config(db, dataDir, org.carewatch.core.testing.TestBroker.url());
        cfg = cfg.withPatrolReview(new org.carewatch.core.config.PatrolReviewConfig(cfg.patrolReview().limits(), Duration.ofHours(1)));
        app = CareWatchApp.start(cfg, false);
        http = new Http(app.httpPort());
        TestData data = new TestData(app.store().dataSource());
        districtA = data.district("A");
        long districtB = data.district("B");
        List<Long> centres = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            centres.add(data.centre(districtA, "A" + i));
        }
        data.centre(districtB, "B1");
        try (var c = app.store().connection(); var st = c.createStatement()) {
            st.execute("UPDATE centres SET open_days = '{1,2,3,4,5,6,7}', nap_starts_at = '12:00', nap_ends_at = '14:00'");
        }
        data.user("admin-a", "pw-admin-a", Role.ADMIN, districtA);
        officerA1 = data.user("officer-a1", "pw-officer", Role.OFFICER, districtA);
        officerA2 = data.user("officer-a2", "pw-officer", Role.OFFICER, districtA);
        data.user("auditor-a", "pw-auditor", Role.AUDITOR, districtA);
        data.user("admin-b", "pw-admin-b", Role.ADMIN, districtB);
        data.user("officer-b", "pw-officer", Role.OFFICER, districtB);
        admin = http.token("admin-a", "pw-admin-a");
        officer = http.token("officer-a1", "pw-officer");
        officer2 = http.token("officer-a2", "pw-officer");
        auditor = http.token("auditor-a", "pw-auditor");
        adminB = http.token("admin-b", "pw-admin-b");
        officerB = http.token("officer-b", "pw-officer");
        for (long centre : centres) {
            data.user("staff-" + centre, "pw-staff", Role.FACILITY, centre);
            facility.put(centre, http.token("staff-" + centre, "pw-staff"));
            var cls = http.post("/api/v1/centres/" + centre + "/classes", admin,
                    "{\"name\":\"Infants\",\"ageGroup\":\"under_12_months\",\"enrolled\":8,\"carers\":3}");
            assertThat(cls.status()).as(cls.body()).isEqualTo(201);
            classOf.put(centre, cls.json().get("id").asLong());
        }
        for (long id : new long[] {officerA1, officerA2}) {
            var r = http.patch("/api/v1/officers/" + id, admin, "{\"workingDays\":[1,2,3,4,5,6,7],\"version\":0}");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
        var drawn = http.post("/api/v1/rotations/" + TODAY + "/draw", admin, "");
        assertThat(drawn.status()).as(drawn.body()).isEqualTo(200);
        // Frames as the sampler stores them: one picture and one camera that gave none, per centre and round.
        for (JsonNode round : drawn.json().get("rounds")) {
            for (JsonNode a : round.get("assignments")) {
                for (JsonNode v : a.get("visits")) {
                    insertFrames(round.get("index").asInt(), v.get("centreId").asLong());
                }
            }
        }
        var queue = http.get("/api/v1/patrols/queue", officer);
        assertThat(queue.status()).as(queue.body()).isEqualTo(200);
        queue.json().get("visits").forEach(unused::add);
        assertThat(unused).as("officer A1 has visits today").hasSizeGreaterThanOrEqualTo(4);
    }

    static void insertFrames(int round, long centre) throws Exception {
        try (var c = app.store().connection(); var ps = c.prepareStatement("INSERT INTO patrol_frames (district_id, day, round_index, "
                + "centre_id, camera_id, taken_at, file_path, width, height, bytes, quality, problem) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int cam = 1; cam <= 2; cam++) {
                boolean picture = cam == 1;
                ps.setLong(1, districtA);
                ps.setDate(2, Date.valueOf(TODAY));
                ps.setInt(3, round);
                ps.setLong(4, centre);
                ps.setLong(5, cam);
                ps.setTimestamp(6, picture ? Timestamp.from(Instant.now().minusSeconds(120)) : null);
                ps.setString(7, picture ? TODAY.toString().replace('-', '/') + "/" + centre + "-" + round + ".jpg" : null);
                ps.setObject(8, picture ? 640 : null);
                ps.setObject(9, picture ? 360 : null);
                ps.setObject(10, picture ? 20000 : null);
                ps.setString(11, picture ? "{\"ok\":true,\"problems\":[]}" : null);
                ps.setString(12, picture ? null : "camera.offline");
                ps.executeUpdate();
            }
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

    /** The live alert stream (SSE) of a caller, line by line. */
    static List<String> stream(String token) {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + app.httpPort() + "/api/v1/alerts/stream"))
                .header("Authorization", "Bearer " + token).GET().build();
        java.net.http.HttpClient.newHttpClient().sendAsync(req, java.net.http.HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> r.body().forEach(lines::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(": connected"));
        return lines;
    }

    static synchronized JsonNode take() {
        return unused.removeFirst();
    }

    static JsonNode visit(long id) {
        var r = http.get("/api/v1/patrols/visits/" + id, officer);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    static long pictureFrame(JsonNode visit) {
        for (JsonNode f : visit.get("frames")) {
            if (f.get("problem").isNull()) {
                return f.get("frameId").asLong();
            }
        }
        throw new AssertionError("no picture in " + visit);
    }

    @Test
    void theQueueListsTheOfficersVisitsOfTodayInOrder() {
        JsonNode q = http.get("/api/v1/patrols/queue", officer).json();
        assertThat(q.get("date").asText()).isEqualTo(TODAY.toString());
        assertThat(q.get("officerId").asLong()).isEqualTo(officerA1);
        int lastRound = -1;
        int lastOrder = 0;
        for (JsonNode v : q.get("visits")) {
            assertThat(v.get("centreName").asText()).startsWith("Centre A");
            assertThat(v.get("round").get("name").asText()).isNotEmpty();
            assertThat(v.get("round").get("startsAt").asText()).matches("\\d\\d:\\d\\d");
            assertThat(v.get("status").asText()).isIn("planned", "reviewed");
            int round = v.get("round").get("index").asInt();
            int order = v.get("order").asInt();
            assertThat(round > lastRound || (round == lastRound && order > lastOrder)).as("in round order, then visit order").isTrue();
            lastRound = round;
            lastOrder = order;
        }
        // The other officer's queue holds other visits; district readers have none; facility staff see no plans.
        JsonNode other = http.get("/api/v1/patrols/queue", officer2).json();
        assertThat(other.get("visits").findValuesAsText("visitId")).doesNotContainAnyElementsOf(q.get("visits").findValuesAsText("visitId"));
        assertThat(http.get("/api/v1/patrols/queue", auditor).json().get("visits")).isEmpty();
        assertThat(http.get("/api/v1/patrols/queue", facility.values().iterator().next()).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/patrols/queue", null).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/openapi.yaml", null).body()).contains("/patrols/queue:", "/patrols/visits/{id}:",
                "/patrols/visits/{id}/verdict:", "/patrols/coverage:");
    }

    @Test
    void aVisitShowsItsFramesAndClassesAndANormalVerdictFinishesIt() {
        JsonNode item = take();
        long id = item.get("visitId").asLong();
        long centre = item.get("centreId").asLong();
        JsonNode v = visit(id);
        assertThat(v.get("centre").get("id").asLong()).isEqualTo(centre);
        assertThat(v.get("centre").get("name").asText()).isEqualTo(item.get("centreName").asText());
        assertThat(v.get("round").get("windowEnd").asText()).isNotEmpty();
        assertThat(v.get("status").asText()).isEqualTo("planned");
        assertThat(v.get("verdict").isNull()).isTrue();
        assertThat(v.get("frames")).hasSize(2);
        JsonNode picture = v.get("frames").findParents("frameId").stream().filter(f -> f.get("problem").isNull()).findFirst().orElseThrow();
        assertThat(picture.get("ageSeconds").asLong()).isBetween(115L, 3600L);
        assertThat(picture.get("quality").get("ok").asBoolean()).isTrue();
        assertThat(picture.get("url").asText()).isEqualTo("/api/v1/patrols/frames/" + picture.get("frameId").asLong() + ".jpg");
        JsonNode none = v.get("frames").findParents("frameId").stream().filter(f -> !f.get("problem").isNull()).findFirst().orElseThrow();
        assertThat(none.get("problem").asText()).isEqualTo("camera.offline");
        assertThat(none.get("ageSeconds").isNull()).isTrue();
        assertThat(none.get("url").isNull()).isTrue();
        assertThat(v.get("classes")).hasSize(1);
        assertThat(v.get("classes").get(0).get("ageGroup").asText()).isEqualTo("under_12_months");

        // District readers read it; facility staff (even of this centre) and other districts do not see it.
        assertThat(http.get("/api/v1/patrols/visits/" + id, auditor).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/patrols/visits/" + id, officer2).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/patrols/visits/" + id, facility.get(centre)).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/patrols/visits/" + id, adminB).status()).isEqualTo(404);

        String normal = "{\"verdict\":\"normal\"}";
        assertThat(http.post("/api/v1/patrols/visits/" + id + "/verdict", officer2, normal).status()).as("another officer's visit").isEqualTo(403);
        assertThat(http.post("/api/v1/patrols/visits/" + id + "/verdict", auditor, normal).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/patrols/visits/" + id + "/verdict", admin, normal).status()).isEqualTo(403);
        assertThat(http.post("/api/v1/patrols/visits/" + id + "/verdict", facility.get(centre), normal).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/patrols/visits/" + id + "/verdict", officerB, normal).status()).isEqualTo(404);
        assertThat(visit(id).get("status").asText()).isEqualTo("planned");

        var r = http.post("/api/v1/patrols/visits/" + id + "/verdict", officer, normal);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("reviewed");
        assertThat(r.json().get("verdict").get("verdict").asText()).isEqualTo("normal");
        assertThat(r.json().get("verdict").get("findings")).isEmpty();
        assertThat(http.post("/api/v1/patrols/visits/" + id + "/verdict", officer, normal).status()).as("recorded once").isEqualTo(409);
        JsonNode inQueue = http.get("/api/v1/patrols/queue", officer).json().get("visits").findParents("visitId").stream()
                .filter(x -> x.get("visitId").asLong() == id).findFirst().orElseThrow();
        assertThat(inQueue.get("status").asText()).isEqualTo("reviewed");
        assertThat(inQueue.get("verdict").asText()).isEqualTo("normal");
        // The rotation shows it finished too (re-planning leaves reviewed visits where they are).
        assertThat(http.get("/api/v1/rotations/" + TODAY, admin).body()).contains("\"visitId\":" + id + ",\"centreId\":" + centre + ",\"order\":"
                + item.get("order").asInt() + ",\"status\":\"reviewed\"");
    }

    @Test
    void aFindingBecomesAnAlertTheCentreAnswersAndTheOfficerResolvesWithCountsFlaggedForReview() throws Exception {
        JsonNode item = take();
        long id = item.get("visitId").asLong();
        long centre = item.get("centreId").asLong();
        long frame = pictureFrame(visit(id));
        long cls = classOf.get(centre);
        String body = "{\"verdict\":\"findings\",\"findings\":[{\"category\":\"adult_child_ratio\",\"severity\":\"minor\","
                + "\"note\":\"one carer with the infants\",\"frameIds\":[" + frame + "],\"counts\":["
                + "{\"classId\":" + cls + ",\"adults\":1,\"children\":5},"
                + "{\"classId\":" + cls + ",\"adults\":2,\"children\":6},"
                + "{\"classId\":" + cls + ",\"adults\":4,\"children\":11}]},"
                + "{\"category\":\"hygiene\",\"note\":\"nappy bin open\"}]}";
        var r = http.post("/api/v1/patrols/visits/" + id + "/verdict", officer, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode findings = r.json().get("verdict").get("findings");
        assertThat(findings).hasSize(2);
        JsonNode counts = findings.get(0).get("counts");
        // 1:3 under 12 months, at most 10: 1/5 breaks the ratio, 2/6 is within, 4/11 breaks the size only.
        assertThat(counts.get(0).get("ratioFlag").asBoolean()).isTrue();
        assertThat(counts.get(0).get("sizeFlag").asBoolean()).isFalse();
        assertThat(counts.get(1).get("ratioFlag").asBoolean()).isFalse();
        assertThat(counts.get(1).get("sizeFlag").asBoolean()).isFalse();
        assertThat(counts.get(2).get("ratioFlag").asBoolean()).isFalse();
        assertThat(counts.get(2).get("sizeFlag").asBoolean()).isTrue();
        assertThat(findings.get(0).get("flagged").asBoolean()).isTrue();
        assertThat(findings.get(1).get("severity").asText()).as("default severity").isEqualTo("major");
        long alertId = findings.get(0).get("alertId").asLong();
        assertThat(findings.get(1).get("alertId").asLong()).isPositive().isNotEqualTo(alertId);
        // Stored: the visit shows the same verdict.
        assertThat(visit(id).get("verdict").get("findings").get(0).get("counts").get(0).get("ratioFlag").asBoolean()).isTrue();

        JsonNode alert = http.get("/api/v1/alerts/" + alertId, officer).json();
        assertThat(alert.get("kind").asText()).isEqualTo("patrol-finding");
        assertThat(alert.get("source").asText()).isEqualTo("patrol");
        assertThat(alert.get("severity").asText()).isEqualTo("minor");
        assertThat(alert.get("centreId").asLong()).isEqualTo(centre);
        assertThat(alert.get("state").asText()).isEqualTo("open");
        assertThat(alert.get("detail").get("category").asText()).isEqualTo("adult_child_ratio");
        assertThat(alert.get("detail").get("flaggedForReview").asBoolean()).isTrue();
        assertThat(alert.get("detail").get("visitId").asLong()).isEqualTo(id);
        assertThat(alert.get("detail").get("text").asText()).isEqualTo("one carer with the infants");

        // A raise lost after the verdict was stored (node stopped): the schedule raises it under the same reference,
        // so it is the same alert, counted once more, never a second one.
        try (var c = app.store().connection(); var st = c.createStatement()) {
            st.executeUpdate("UPDATE patrol_findings SET alert_id = NULL WHERE alert_id = " + alertId);
            st.executeUpdate("UPDATE patrol_verdicts SET recorded_at = now() - interval '2 minutes' WHERE visit_id = " + id);
        }
        app.patrolReview().findingAlerts().retryPending();
        assertThat(visit(id).get("verdict").get("findings").get(0).get("alertId").asLong()).isEqualTo(alertId);
        assertThat(http.get("/api/v1/alerts/" + alertId, officer).json().get("occurrences").asInt()).isEqualTo(2);

        // The centre sees and answers it (一事一反馈); another centre does not see it; the officer re-checks and resolves.
        String staff = facility.get(centre);
        long otherCentre = classOf.keySet().stream().filter(c -> c != centre).findFirst().orElseThrow();
        assertThat(http.get("/api/v1/alerts/" + alertId, staff).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/alerts/" + alertId, facility.get(otherCentre)).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/alerts/" + alertId + "/resolve", staff, "{}").status()).isEqualTo(403);
        var answer = http.post("/api/v1/alerts/" + alertId + "/answer", staff, "{\"text\":\"a second carer is now on duty\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("state").asText()).isEqualTo("answered");
        var resolved = http.post("/api/v1/alerts/" + alertId + "/resolve", officer, "{\"note\":\"re-checked on camera\"}");
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        assertThat(resolved.json().get("state").asText()).isEqualTo("resolved");
    }

    @Test
    void suspectedAbuseIsCriticalTheCentreCannotCloseItAndItsFramesStayProtectedUntilTheDistrictCloses() {
        JsonNode item = take();
        long id = item.get("visitId").asLong();
        long centre = item.get("centreId").asLong();
        long frame = pictureFrame(visit(id));
        var r = http.post("/api/v1/patrols/visits/" + id + "/verdict", officer, "{\"verdict\":\"findings\",\"findings\":[{\"category\":"
                + "\"suspected_abuse\",\"severity\":\"minor\",\"note\":\"carer shakes a child\",\"frameIds\":[" + frame + "]}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode finding = r.json().get("verdict").get("findings").get(0);
        assertThat(finding.get("severity").asText()).as("top priority whatever was chosen").isEqualTo("critical");
        long alertId = finding.get("alertId").asLong();
        JsonNode alert = http.get("/api/v1/alerts/" + alertId, admin).json();
        assertThat(alert.get("kind").asText()).isEqualTo("suspected-abuse");
        assertThat(alert.get("severity").asText()).isEqualTo("critical");
        // The district lead was notified at once (and the record says so).
        assertThat(alert.get("events").findValuesAsText("action")).contains("raise", "notify_district_lead");

        FrameRepository frames = new FrameRepository(app.store().dataSource());
        assertThat(frames.find(frame).orElseThrow().protectedByAlert()).isEqualTo(alertId);
        JsonNode shown = visit(id).get("frames").findParents("frameId").stream().filter(f -> f.get("frameId").asLong() == frame)
                .findFirst().orElseThrow();
        assertThat(shown.get("protectedFrame").asBoolean()).isTrue();

        String staff = facility.get(centre);
        assertThat(http.post("/api/v1/alerts/" + alertId + "/answer", staff, "{\"text\":\"the carer is suspended\"}").status()).isEqualTo(200);
        assertThat(http.post("/api/v1/alerts/" + alertId + "/resolve", officer, "{}").status()).isEqualTo(200);
        var refused = http.post("/api/v1/alerts/" + alertId + "/close", staff, "{}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(frames.find(frame).orElseThrow().protectedByAlert()).isEqualTo(alertId);
        var closed = http.post("/api/v1/alerts/" + alertId + "/close", admin, "{\"note\":\"reported to the police\"}");
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> frames.find(frame).orElseThrow().protectedByAlert() == null);
        // Reopened: protected again.
        assertThat(http.post("/api/v1/alerts/" + alertId + "/reopen", admin, "{}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> Long.valueOf(alertId).equals(frames.find(frame).orElseThrow().protectedByAlert()));
    }

    @Test
    void aReviewedVisitStaysWithItsOfficerWhenTheyAreMarkedAbsentAndFutureVisitsWait() throws Exception {
        // A district of its own, so that the re-draw does not move the other tests' visits.
        TestData data = new TestData(app.store().dataSource());
        long districtC = data.district("C");
        for (int i = 1; i <= 4; i++) {
            data.centre(districtC, "C" + i);
        }
        try (var c = app.store().connection(); var st = c.createStatement()) {
            st.execute("UPDATE centres SET open_days = '{1,2,3,4,5,6,7}', nap_starts_at = '12:00', nap_ends_at = '14:00' "
                    + "WHERE district_id = " + districtC);
        }
        data.user("admin-c", "pw-admin-c", Role.ADMIN, districtC);
        long c1 = data.user("officer-c1", "pw-officer", Role.OFFICER, districtC);
        long c2 = data.user("officer-c2", "pw-officer", Role.OFFICER, districtC);
        String adminC = http.token("admin-c", "pw-admin-c");
        String officerC1 = http.token("officer-c1", "pw-officer");
        for (long id : new long[] {c1, c2}) {
            assertThat(http.patch("/api/v1/officers/" + id, adminC, "{\"workingDays\":[1,2,3,4,5,6,7],\"version\":0}").status()).isEqualTo(200);
        }
        assertThat(http.post("/api/v1/rotations/" + TODAY + "/draw", adminC, "").status()).isEqualTo(200);
        JsonNode mine = http.get("/api/v1/patrols/queue", officerC1).json().get("visits");
        assertThat(mine.size()).isGreaterThanOrEqualTo(2);
        long reviewed = mine.get(0).get("visitId").asLong();
        assertThat(http.post("/api/v1/patrols/visits/" + reviewed + "/verdict", officerC1, "{\"verdict\":\"normal\"}").status()).isEqualTo(200);

        var replanned = http.post("/api/v1/rotations/" + TODAY + "/absences", adminC, "{\"officerId\":" + c1 + "}");
        assertThat(replanned.status()).as(replanned.body()).isEqualTo(200);
        JsonNode after = http.get("/api/v1/patrols/queue", officerC1).json().get("visits");
        assertThat(after).as("only the reviewed visit stays with the absent officer").hasSize(1);
        assertThat(after.get(0).get("visitId").asLong()).isEqualTo(reviewed);
        assertThat(after.get(0).get("status").asText()).isEqualTo("reviewed");
        // A moved visit is no longer theirs to review.
        long moved = mine.get(1).get("visitId").asLong();
        var refused = http.post("/api/v1/patrols/visits/" + moved + "/verdict", officerC1, "{\"verdict\":\"normal\"}");
        assertThat(refused.status()).isEqualTo(409);

        // Next week's visits wait for their day.
        LocalDate nextWeek = TODAY.plusDays(7);
        var drawn = http.post("/api/v1/rotations/" + nextWeek + "/draw", adminC, "");
        assertThat(drawn.status()).as(drawn.body()).isEqualTo(200);
        long future = -1;
        String futureOfficer = null;
        for (JsonNode a : drawn.json().get("rounds").get(0).get("assignments")) {
            future = a.get("visits").get(0).get("visitId").asLong();
            futureOfficer = a.get("officerId").asLong() == c1 ? officerC1 : http.token("officer-c2", "pw-officer");
        }
        var early = http.post("/api/v1/patrols/visits/" + future + "/verdict", futureOfficer, "{\"verdict\":\"normal\"}");
        assertThat(early.status()).as(early.body()).isEqualTo(409);
        assertThat(early.json().get("message").asText()).contains("has not started");
    }

    @Test
    void badVerdictsAre400NamingTheFieldAndLeaveTheVisitOpen() {
        JsonNode item = take();
        long id = item.get("visitId").asLong();
        long centre = item.get("centreId").asLong();
        long frame = pictureFrame(visit(id));
        // A frame of another centre's visit in the same round.
        long foreignFrame;
        try (var c = app.store().connection(); var ps = c.prepareStatement("SELECT id FROM patrol_frames WHERE centre_id <> ? LIMIT 1")) {
            ps.setLong(1, centre);
            try (var rs = ps.executeQuery()) {
                rs.next();
                foreignFrame = rs.getLong(1);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        long foreignClass = classOf.entrySet().stream().filter(e -> e.getKey() != centre).findFirst().orElseThrow().getValue();
        long cls = classOf.get(centre);
        String f = "{\"verdict\":\"findings\",\"findings\":[%s]}";
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("{}", "verdict");
        bad.put("{\"verdict\":\"maybe\"}", "verdict");
        bad.put("{\"verdict\":\"normal\",\"findings\":[{\"category\":\"hygiene\"}]}", "findings");
        bad.put("{\"verdict\":\"findings\"}", "findings");
        bad.put("{\"verdict\":\"findings\",\"findings\":[]}", "findings");
        bad.put(f.formatted("{\"category\":\"noise\"}"), "findings[0].category");
        bad.put(f.formatted("{\"note\":\"no category\"}"), "findings[0].category");
        bad.put(f.formatted("{\"category\":\"hygiene\",\"severity\":\"huge\"}"), "findings[0].severity");
        bad.put(f.formatted("{\"category\":\"hygiene\",\"note\":\"" + "x".repeat(2001) + "\"}"), "findings[0].note");
        bad.put(f.formatted("{\"category\":\"hygiene\",\"frameIds\":[" + frame + "," + foreignFrame + "]}"), "findings[0].frameIds[1]");
        bad.put(f.formatted("{\"category\":\"hygiene\",\"frameIds\":[99999999]}"), "findings[0].frameIds[0]");
        bad.put(f.formatted("{\"category\":\"hygiene\"},{\"category\":\"other\",\"counts\":[{\"classId\":" + cls
                + ",\"adults\":-1,\"children\":3}]}"), "findings[1].counts[0].adults");
        bad.put(f.formatted("{\"category\":\"hygiene\",\"counts\":[{\"classId\":" + cls + ",\"adults\":1,\"children\":-3}]}"),
                "findings[0].counts[0].children");
        bad.put(f.formatted("{\"category\":\"hygiene\",\"counts\":[{\"classId\":" + cls + ",\"children\":3}]}"),
                "findings[0].counts[0].adults");
        bad.put(f.formatted("{\"category\":\"hygiene\",\"counts\":[{\"classId\":" + foreignClass + ",\"adults\":1,\"children\":3}]}"),
                "findings[0].counts[0].classId");
        bad.put(f.formatted("{\"category\":\"hygiene\",\"counts\":[{\"adults\":1,\"children\":3}]}"), "findings[0].counts[0].classId");
        bad.put(f.formatted("{\"category\":\"hygiene\",\"counts\":[{\"classId\":" + cls + ",\"adults\":\"two\",\"children\":3}]}"),
                "findings[0].counts[0].adults");
        for (var e : bad.entrySet()) {
            var r = http.post("/api/v1/patrols/visits/" + id + "/verdict", officer, e.getKey());
            assertThat(r.status()).as(e.getKey() + " -> " + r.body()).isEqualTo(400);
            assertThat(r.json().get("field").asText()).as(e.getKey() + " -> " + r.body()).isEqualTo(e.getValue());
        }
        var unknown = http.post("/api/v1/patrols/visits/" + id + "/verdict", officer, f.formatted("{\"category\":\"hygiene\",\"colour\":1}"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("message").asText()).contains("colour");
        assertThat(http.post("/api/v1/patrols/visits/" + id + "/verdict", officer, "not json").status()).isEqualTo(400);
        assertThat(http.post("/api/v1/patrols/visits/abc/verdict", officer, "{\"verdict\":\"normal\"}").json().get("field").asText())
                .isEqualTo("id");
        assertThat(http.get("/api/v1/patrols/visits/99999999", officer).status()).isEqualTo(404);
        JsonNode v = visit(id);
        assertThat(v.get("status").asText()).isEqualTo("planned");
        assertThat(v.get("verdict").isNull()).isTrue();
    }

    @Test
    void coverageCountsPerOfficerAndAnUnreviewedVisitRaisesOneAlertToTheDistrict() throws Exception {
        var bad = http.get("/api/v1/patrols/coverage?date=yesterday", auditor);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("date");
        assertThat(http.get("/api/v1/patrols/coverage?officer=x", auditor).json().get("field").asText()).isEqualTo("officer");
        assertThat(http.get("/api/v1/patrols/coverage?officer=99999999", auditor).json().get("field").asText()).isEqualTo("officer");
        assertThat(http.get("/api/v1/patrols/coverage", facility.values().iterator().next()).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/patrols/coverage?date=" + TODAY, adminB).json().get("drawn").asBoolean()).isFalse();

        // Live push: the district's console hears of overdue visits, the centres' consoles never do.
        List<String> adminStream = stream(admin);
        List<List<String>> staffStreams = new ArrayList<>();
        for (String staff : facility.values()) {
            staffStreams.add(stream(staff));
        }
        // The whole day as the overdue check sees it just before midnight: every round has ended.
        Instant lateEvening = TODAY.atTime(23, 59).atZone(SHANGHAI).toInstant();
        int raised = app.patrolReview().overdue().run(lateEvening);
        int planned = 0;
        int reviewed = 0;
        List<Long> open = new ArrayList<>();
        Map<Long, int[]> perOfficer = new HashMap<>();
        for (JsonNode round : http.get("/api/v1/rotations/" + TODAY, admin).json().get("rounds")) {
            for (JsonNode a : round.get("assignments")) {
                for (JsonNode v : a.get("visits")) {
                    planned++;
                    int[] c = perOfficer.computeIfAbsent(a.get("officerId").asLong(), k -> new int[3]);
                    c[0]++;
                    if (v.get("status").asText().equals("reviewed")) {
                        reviewed++;
                        c[1]++;
                    } else {
                        open.add(v.get("visitId").asLong());
                        c[2]++;
                    }
                }
            }
        }
        assertThat(planned).isEqualTo(12);
        JsonNode cov = http.get("/api/v1/patrols/coverage?date=" + TODAY, auditor).json();
        assertThat(cov.get("drawn").asBoolean()).isTrue();
        assertThat(cov.get("total").get("planned").asInt()).isEqualTo(12);
        assertThat(cov.get("total").get("reviewed").asInt()).isEqualTo(reviewed);
        assertThat(cov.get("total").get("overdue").asInt()).isEqualTo(open.size());
        for (JsonNode o : cov.get("officers")) {
            int[] c = perOfficer.get(o.get("officerId").asLong());
            assertThat(new int[] {o.get("planned").asInt(), o.get("reviewed").asInt(), o.get("overdue").asInt()}).isEqualTo(c);
            assertThat(o.get("username").asText()).startsWith("officer-a");
        }
        JsonNode one = http.get("/api/v1/patrols/coverage?date=" + TODAY + "&officer=" + officerA2, officer).json();
        assertThat(one.get("officers")).hasSize(1);
        assertThat(one.get("officers").get(0).get("officerId").asLong()).isEqualTo(officerA2);

        // One alert per unreviewed visit, to the district only; a second run raises none.
        assertThat(raised).as("district A's, and those of any other district drawn today").isGreaterThanOrEqualTo(open.size());
        JsonNode alerts = http.get("/api/v1/alerts?kind=patrol-review-overdue&limit=100", admin).json();
        assertThat(alerts.get("total").asInt()).isEqualTo(open.size());
        await().atMost(Duration.ofSeconds(5)).until(() -> adminStream.stream().filter(l -> l.contains("patrol-review-overdue")).count()
                >= open.size());
        Thread.sleep(500); // the same notices reached (or not) the centres' streams by now
        for (List<String> st : staffStreams) {
            assertThat(st).as("a centre's live stream").noneMatch(l -> l.contains("patrol-review-overdue"));
        }
        assertThat(alerts.get("items").findValuesAsText("centreId")).isNotEmpty();
        assertThat(app.patrolReview().overdue().run(lateEvening.plusSeconds(30))).isZero();
        assertThat(http.get("/api/v1/alerts?kind=patrol-review-overdue&limit=100", admin).json().get("total").asInt()).isEqualTo(open.size());
        long overdueAlert = alerts.get("items").get(0).get("id").asLong();
        long overdueCentre = alerts.get("items").get(0).get("centreId").asLong();
        JsonNode detail = http.get("/api/v1/alerts/" + overdueAlert, admin).json();
        assertThat(open).contains(detail.get("detail").get("visitId").asLong());
        // The centre's staff never learn when or by whom they are patrolled.
        String staff = facility.get(overdueCentre);
        assertThat(http.get("/api/v1/alerts/" + overdueAlert, staff).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/alerts?kind=patrol-review-overdue", staff).json().get("total").asInt()).isZero();
        assertThat(http.get("/api/v1/alerts?limit=100", staff).body()).doesNotContain("patrol-review-overdue");
    }
}
