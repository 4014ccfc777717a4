package org.carewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.carewatch.alerts.history.AlertHistory;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.store.Store;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.Role;
import org.carewatch.core.users.UserRepository;
import org.carewatch.patrol.PatrolServices;
import org.carewatch.patrol.draw.Canonical;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code carewatch patrol draw} against a real store, and {@code carewatch patrol verify} on the exported file alone. */
class PatrolCommandIT {
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    @TempDir
    static Path dir;
    static TestDatabase db;
    static Store store;
    static Path config;
    static long auditorId;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create();
        store = Store.open(ConfigLoader.load(null, Map.of()).store(), db.jdbcUrl(), db.user(), db.password(), null);
        TestData data = new TestData(store.dataSource());
        long district = data.district("CLI");
        for (int i = 1; i <= 5; i++) {
            data.centre(district, "K" + i);
        }
        try (var c = store.connection(); var st = c.createStatement()) {
            st.execute("UPDATE centres SET open_days = '{1,2,3,4,5,6,7}'");
        }
        for (int i = 1; i <= 3; i++) {
            long id = data.user("officer-k" + i, "pw", Role.OFFICER, district);
            try (var c = store.connection(); var st = c.createStatement()) {
                st.execute("INSERT INTO officer_rosters (user_id, working_days) VALUES (" + id + ", '{1,2,3,4,5,6,7}')");
            }
        }
        auditorId = data.user("auditor-k", "pw", Role.AUDITOR, district);
        config = dir.resolve("carewatch.yaml");
        Files.writeString(config, "dataDir: " + dir.resolve("data") + "\nstore:\n  mode: external\n  url: \"" + db.jdbcUrl() + "\"\n"
                + (db.user() == null ? "" : "  user: \"" + db.user() + "\"\n")
                + (db.password() == null ? "" : "  password: \"" + db.password() + "\"\n"));
    }

    @AfterAll
    static void stop() {
        store.close();
        db.close();
    }

    @Test
    void drawsADayAndVerifiesItsExportOffline() throws Exception {
        CliRun draw = CliRun.of("patrol", "draw", "--config", config.toString(), "--date", TODAY.toString(), "--district", "CLI");
        assertThat(draw.exit()).as(draw.out() + draw.err()).isZero();
        assertThat(draw.out()).contains("seed commitment:").contains("drew " + TODAY);

        var auditor = new UserRepository(store.dataSource()).find(auditorId).orElseThrow();
        PatrolServices services = PatrolServices.create(store.dataSource(), new AlertHistory(store.dataSource(), ZoneId.of("Asia/Shanghai")),
                "Asia/Shanghai", Clock.systemUTC());
        ObjectNode export = services.rotations().export(auditor, TODAY);
        Path file = dir.resolve("rotation.json");
        Files.writeString(file, export.toPrettyString());
        CliRun ok = CliRun.of("patrol", "verify", file.toString());
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).startsWith("verified");

        // Moving one visit to another officer in the published plan is caught.
        ObjectNode tampered = (ObjectNode) Canonical.parse(export.toString());
        var assignments = tampered.get("plan").get("rounds").get(0).get("assignments");
        ArrayNode from = (ArrayNode) assignments.get(0).get("centreIds");
        ((ArrayNode) assignments.get(1).get("centreIds")).add(from.remove(0));
        Files.writeString(file, tampered.toString());
        CliRun bad = CliRun.of("patrol", "verify", file.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.out()).contains("NOT verified").contains("differs");

        assertThat(CliRun.of("patrol", "verify", dir.resolve("missing.json").toString()).exit()).isEqualTo(2);
        CliRun unknown = CliRun.of("patrol", "draw", "--config", config.toString(), "--date", TODAY.toString(), "--district", "NOPE");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("no district 'NOPE'");
    }
}
