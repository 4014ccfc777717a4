package org.carewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.store.Store;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.LoginThrottle;
import org.carewatch.core.users.PasswordHasher;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.core.users.SignInService;
import org.carewatch.core.users.TokenRepository;
import org.carewatch.core.users.UserRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code carewatch districts add} and {@code users add} on an empty database: the schema is created, the
 * district and the account exist, and the printed password signs the account in. Mistakes name their field.
 */
class BootstrapCommandsIT {

    @Test
    void fromAnEmptyDatabaseToAnAccountThatSignsIn(@TempDir Path dir) throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            Path cfg = dir.resolve("carewatch.yaml");
            Files.writeString(cfg, "dataDir: " + dir.resolve("data") + "\nstore:\n  mode: external\n  url: " + db.jdbcUrl() + "\n  user: "
                    + db.user() + "\n  password: \"" + (db.password() == null ? "" : db.password()) + "\"\n");

            CliRun district = CliRun.of("districts", "add", "XH", "徐汇区", "--config", cfg.toString());
            assertThat(district.exit()).as(district.err()).isZero();
            assertThat(district.out()).contains("added district XH (徐汇区)");

            CliRun admin = CliRun.of("users", "add", "Lead.Admin", "--role", "admin", "--district", "XH", "--display-name", "区管理员",
                    "--config", cfg.toString());
            assertThat(admin.exit()).as(admin.err()).isZero();
            Matcher m = Pattern.compile("password: (\\S+)").matcher(admin.out());
            assertThat(m.find()).as(admin.out()).isTrue();
            String password = m.group(1);
            assertThat(password).hasSize(20);

            // The same data folder's mistakes: each names what is wrong and adds nothing.
            assertThat(CliRun.of("districts", "add", "XH", "again", "--config", cfg.toString()).err()).contains("already exists");
            CliRun noDistrict = CliRun.of("users", "add", "officer9", "--role", "officer", "--district", "NOPE", "--config", cfg.toString());
            assertThat(noDistrict.exit()).isEqualTo(2);
            assertThat(noDistrict.err()).contains("'district'", "NOPE");
            CliRun facilityWithoutCentre = CliRun.of("users", "add", "staff9", "--role", "facility", "--district", "XH", "--config", cfg.toString());
            assertThat(facilityWithoutCentre.exit()).isEqualTo(2);
            assertThat(facilityWithoutCentre.err()).contains("--centre");
            assertThat(CliRun.of("users", "add", "lead.admin", "--role", "auditor", "--district", "XH", "--config", cfg.toString()).err())
                    .contains("already exists");
            assertThat(CliRun.of("users", "add", "x", "--role", "auditor", "--district", "XH", "--config", cfg.toString()).err())
                    .contains("'username'");

            try (Store store = Store.open(ConfigLoader.defaults().store(), db.jdbcUrl(), db.user(), db.password(), null)) {
                var ds = store.dataSource();
                SignInService signIns = new SignInService(new UserRepository(ds), new TokenRepository(ds, Clock.systemUTC()), new PasswordHasher(),
                        new LoginThrottle(new LoginThrottle.Limits(5, 20, 50, Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofMinutes(15)),
                                Clock.systemUTC()), Duration.ofHours(1));
                Principal p = signIns.checkPassword("lead.admin", password, "127.0.0.1");
                assertThat(p.role()).isEqualTo(Role.ADMIN);
                assertThat(p.displayName()).isEqualTo("区管理员");
                assertThat(p.districtId()).isNotNull();
                try (var c = store.connection(); var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM users")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            }
        }
    }
}
