package org.carewatch.core.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real bundled PostgreSQL: starts (also as root), keeps data across a restart, recovers from a kill. */
class EmbeddedPostgresIT {
    @TempDir
    Path dir;

    @Test
    void keepsDataAcrossRestart() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(dir, 0, Duration.ofSeconds(60));
             Connection c = pg.connect("carewatch"); var st = c.createStatement()) {
            st.execute("CREATE TABLE kept (v text)");
            st.execute("INSERT INTO kept VALUES ('still here')");
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(dir, 0, Duration.ofSeconds(60));
             Connection c = pg.connect("carewatch"); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT v FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void serverLeftByAKilledProcessIsReplaced() throws Exception {
        // kill -9 of CareWatch leaves its PostgreSQL running, holding the data folder.
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldEmbeddedPostgres.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("ready")) {
                // skip log lines
            }
            assertThat(line).as("child started PostgreSQL").startsWith("ready");
            child.destroyForcibly().waitFor();
            try (EmbeddedPostgres second = EmbeddedPostgres.start(dir, 0, Duration.ofSeconds(60));
                 Connection c = second.connect("carewatch"); var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void folderInUseByALiveProcessIsRefused() throws Exception {
        try (EmbeddedPostgres first = EmbeddedPostgres.start(dir, 0, Duration.ofSeconds(60))) {
            assertThatThrownBy(() -> EmbeddedPostgres.start(dir, 0, Duration.ofSeconds(60)))
                    .hasMessageContaining("in use by a running process");
            try (Connection c = first.connect("carewatch"); var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
                assertThat(rs.next()).as("the first server is untouched").isTrue();
            }
        }
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(dir, 0, Duration.ofSeconds(60))) {
            var props = new java.util.Properties();
            props.setProperty("user", pg.user());
            props.setProperty("password", "wrong");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> java.sql.DriverManager.getConnection(pg.jdbcUrl("carewatch"), props))
                    .hasMessageContaining("password authentication failed");
        }
    }
}
