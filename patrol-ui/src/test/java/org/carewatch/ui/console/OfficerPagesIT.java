package org.carewatch.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * The officer's pages over HTTP on a whole node with today's rotation drawn: the officer lands on /patrol and sees
 * the day; pages and forms that a role, another officer or another district may not reach answer 403 or 404; a
 * verdict posted without the CSRF token is refused and changes nothing; a verdict opens the next visit; the ratio
 * flags come from the review's check.
 */
class OfficerPagesIT {
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @TempDir
    static Path data;
    static TestDatabase db;
    static CareWatchApp app;
    static Http api;
    static List<Long> mine = new ArrayList<>();
    static List<Long> others = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create();
        app = TestApp.start(db, data);
        TestData td = new TestData(app.store().dataSource());
        long d = td.district("D");
        long e = td.district("E");
        long centreA = td.centre(d, "CA");
        for (int i = 2; i <= 6; i++) {
            td.centre(d, "C" + i);
        }
        td.centre(e, "E1");
        try (var c = app.store().connection(); var st = c.createStatement()) {
            st.execute("UPDATE centres SET open_days = '{1,2,3,4,5,6,7}', nap_starts_at = '12:00', nap_ends_at = '14:00'");
        }
        td.user("admin", "admin-pass-1", Role.ADMIN, d);
        long officer = td.user("officer", "officer-pass-1", Role.OFFICER, d);
        long officer2 = td.user("officer2", "officer2-pass-1", Role.OFFICER, d);
        td.user("officer.e", "officer-e-pass-1", Role.OFFICER, e);
        td.user("staff.a", "staff-a-pass-1", Role.FACILITY, centreA);
        api = new Http(app.httpPort());
        String admin = api.token("admin", "admin-pass-1");
        for (long id : new long[] {officer, officer2}) {
            var r = api.patch("/api/v1/officers/" + id, admin, "{\"workingDays\":[1,2,3,4,5,6,7],\"version\":0}");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
        var drawn = api.post("/api/v1/rotations/" + TODAY + "/draw", admin, "");
        assertThat(drawn.status()).as(drawn.body()).isEqualTo(200);
        JsonNode day = api.get("/api/v1/rotations/" + TODAY, admin).json();
        for (JsonNode round : day.get("rounds")) {
            for (JsonNode a : round.get("assignments")) {
                for (JsonNode v : a.get("visits")) {
                    (a.get("officerId").asLong() == officer ? mine : others).add(v.get("visitId").asLong());
                }
            }
        }
        assertThat(mine).isNotEmpty();
        assertThat(others).isNotEmpty();
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

    static ConsoleClient signedIn(String user, String password) {
        ConsoleClient c = new ConsoleClient(app.httpPort());
        assertThat(c.signIn(user, password).status()).isEqualTo(303);
        return c;
    }

    @Test
    void theOfficerLandsOnTodaysVisitsWithTheNextOneFocused() {
        ConsoleClient c = new ConsoleClient(app.httpPort());
        ConsoleClient.Page in = c.signIn("officer", "officer-pass-1");
        assertThat(in.location()).isEqualTo("/patrol");
        ConsoleClient.Page home = c.get("/patrol");
        assertThat(home.status()).isEqualTo(200);
        for (long id : mine) {
            assertThat(home.body()).contains("href=\"/patrol/visits/" + id + "\"");
        }
        for (long id : others) {
            assertThat(home.body()).doesNotContain("href=\"/patrol/visits/" + id + "\"");
        }
        assertThat(home.body()).contains("id=\"next-visit\"").contains("<progress");
    }

    @Test
    void facilityStaffAnotherDistrictAndAnotherOfficerAreRefused() {
        ConsoleClient staff = signedIn("staff.a", "staff-a-pass-1");
        assertThat(staff.get("/patrol").status()).isEqualTo(403);
        assertThat(staff.get("/patrol/visits/" + mine.getFirst()).status()).isEqualTo(404);
        assertThat(staff.get("/patrol/next").status()).isEqualTo(403);
        String csrf = staff.csrf();
        assertThat(staff.postForm("/patrol/visits/" + mine.getFirst() + "/verdict", Map.of("_csrf", csrf, "verdict", "normal")).status())
                .isEqualTo(404);

        ConsoleClient far = signedIn("officer.e", "officer-e-pass-1");
        assertThat(far.get("/patrol/visits/" + mine.getFirst()).status()).isEqualTo(404);
        assertThat(far.postForm("/patrol/visits/" + mine.getFirst() + "/verdict", Map.of("_csrf", far.csrf(), "verdict", "normal")).status())
                .isEqualTo(404);

        // Another officer of the district reads the visit (the review's rule) but may not record its verdict.
        ConsoleClient colleague = signedIn("officer2", "officer2-pass-1");
        assertThat(colleague.postForm("/patrol/visits/" + mine.getFirst() + "/verdict",
                Map.of("_csrf", colleague.csrf(), "verdict", "normal")).status()).isEqualTo(403);
        assertThat(colleague.get("/patrol/visits/" + others.getFirst() + "?x").status()).isEqualTo(200);
    }

    @Test
    void aVerdictWithoutTheCsrfTokenIsRefusedAndOneWithItOpensTheNextVisit() {
        ConsoleClient c = signedIn("officer", "officer-pass-1");
        long first = mine.getFirst();
        ConsoleClient.Page page = c.get("/patrol/visits/" + first);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("data-key=\"n\"").contains("action=\"/patrol/visits/" + first + "/verdict\"");

        ConsoleClient.Page refused = c.postForm("/patrol/visits/" + first + "/verdict", Map.of("verdict", "normal"));
        assertThat(refused.status()).isEqualTo(403);
        ConsoleClient.Page forged = c.postForm("/patrol/visits/" + first + "/verdict", Map.of("_csrf", "not-the-token", "verdict", "normal"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(c.get("/patrol").body()).contains("data-id=\"" + first + "\" class=\"selected next\"");

        ConsoleClient.Page bad = c.postForm("/patrol/visits/" + first + "/verdict", Map.of("_csrf", page.csrf(), "verdict", "maybe"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("id=\"verdict-error\"").contains("verdict");

        ConsoleClient.Page done = c.postForm("/patrol/visits/" + first + "/verdict", Map.of("_csrf", page.csrf(), "verdict", "normal"));
        assertThat(done.status()).isEqualTo(303);
        assertThat(done.location()).isEqualTo("/patrol/next?recorded=1");
        ConsoleClient.Page next = c.get(done.location());
        assertThat(next.status()).isEqualTo(303);
        assertThat(next.location()).isEqualTo(mine.size() > 1 ? "/patrol/visits/" + mine.get(1) + "?recorded=1" : "/patrol?done=verdict");
        // Recorded once: a second verdict on the same visit is a conflict shown on its page.
        assertThat(c.postForm("/patrol/visits/" + first + "/verdict", Map.of("_csrf", page.csrf(), "verdict", "normal")).status())
                .isEqualTo(409);
    }

    @Test
    void ratioFlagsComeFromTheReviewsCheck() {
        ConsoleClient c = signedIn("officer", "officer-pass-1");
        assertThat(c.get("/patrol/ratio?ageGroup=under_12_months&adults=1&children=4").body()).contains("data-flag=\"ratio\"")
                .doesNotContain("data-flag=\"size\"");
        assertThat(c.get("/patrol/ratio?ageGroup=24_36_months&adults=3&children=21").body()).contains("data-flag=\"size\"")
                .doesNotContain("data-flag=\"ratio\"");
        assertThat(c.get("/patrol/ratio?ageGroup=12_24_months&adults=2&children=10").body()).contains("data-flag=\"none\"");
        assertThat(c.get("/patrol/ratio?ageGroup=12_24_months&adults=2").body()).doesNotContain("data-flag");
        ConsoleClient.Page bad = c.get("/patrol/ratio?ageGroup=teens&adults=1&children=1");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("ageGroup");
        assertThat(c.get("/patrol/frames/abc.jpg").status()).isEqualTo(400);
        assertThat(c.get("/patrol/frames/999999.jpg?size=thumb").status()).isEqualTo(404);
        assertThat(c.get("/patrol/frames/999999.jpg?size=huge").status()).isEqualTo(400);
    }
}
