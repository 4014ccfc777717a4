package org.carewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.carewatch.core.demo.DemoAccount;
import org.carewatch.core.testing.TestBroker;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.patrol.frames.FrameSampler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's patrol, whatever the day and hour the test runs (the demo's zone is Asia/Shanghai; one demo centre
 * opens every day): today's plan is drawn at start, every demo officer has visits today, and a round is sampled
 * at once from the demo's simulated cameras, so each officer with visits has one with frames on disk.
 */
class DemoPatrolIT {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TempDir
    static Path dataDir;
    static TestDatabase db;
    static CareWatchApp app;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create();
        app = CareWatchApp.start(TestApp.config(db, dataDir, TestBroker.url()), true);
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
    void todaysPlanIsDrawnAndEveryOfficerHasVisitsWithFreshFrames() throws Exception {
        FrameSampler.Result sampled = app.demoPatrol().get(180, TimeUnit.SECONDS).orElseThrow();
        LocalDate today = LocalDate.now(SHANGHAI);
        assertThat(sampled.day()).isEqualTo(today);
        assertThat(sampled.cameras()).isPositive();
        assertThat(sampled.frames()).as("the simulated cameras give pictures").isPositive();

        long officers = app.demoAccounts().stream().filter(a -> a.role().equals("officer")).count();
        assertThat(officers).isEqualTo(3);
        Set<Long> withVisits = new HashSet<>();
        Set<Long> withFrames = new HashSet<>();
        try (var c = app.store().connection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT v.officer_id, EXISTS (SELECT 1 FROM patrol_frames f WHERE f.district_id = v.district_id "
                     + "AND f.day = v.day AND f.round_index = v.round_index AND f.centre_id = v.centre_id AND f.file_path IS NOT NULL) "
                     + "FROM rotation_visits v WHERE v.day = '" + today + "' AND v.status = 'planned'")) {
            while (rs.next()) {
                withVisits.add(rs.getLong(1));
                if (rs.getBoolean(2)) {
                    withFrames.add(rs.getLong(1));
                }
            }
        }
        assertThat(withVisits).as("every demo officer has work today").hasSize((int) officers);
        assertThat(withFrames).as("and a visit with frames").isEqualTo(withVisits);
        try (var c = app.store().connection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT file_path FROM patrol_frames WHERE file_path IS NOT NULL LIMIT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(Files.size(dataDir.resolve("patrol-frames").resolve(rs.getString(1)))).isPositive();
        }
        assertThat(app.demoAccounts()).extracting(DemoAccount::role).contains("officer");
    }
}
