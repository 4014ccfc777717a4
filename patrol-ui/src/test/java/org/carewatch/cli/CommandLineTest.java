package org.carewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    @TempDir
    Path dir;



    @Test
    void serveRefusesAConfigWithAnUnknownKey() throws Exception {
        Path f = dir.resolve("cw.yaml");
        Files.writeString(f, "store:\n  mode: external\n  jdbcUrl: jdbc:postgresql://x/y\n");
        CliRun r = CliRun.of("serve", "--config", f.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("'store.jdbcUrl'", "unknown key", f.toString());
    }

    @Test
    void serveRefusesABadValue() throws Exception {
        Path f = dir.resolve("cw.yaml");
        Files.writeString(f, "http:\n  port: -1\n");
        CliRun r = CliRun.of("serve", "--config", f.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("'http.port'", "-1");
    }

    @Test
    void serveNamesAMissingFile() {
        CliRun r = CliRun.of("serve", "--config", dir.resolve("absent.yaml").toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("absent.yaml", "not found");
    }

    @Test
    void serveReportsAnUnreachableDatabaseClearly() throws Exception {
        Path f = dir.resolve("cw.yaml");
        Files.writeString(f, """
                dataDir: %s
                store:
                  mode: external
                  url: jdbc:postgresql://127.0.0.1:1/carewatch
                  connectionTimeoutSeconds: 2
                mqtt:
                  mode: external
                """.formatted(dir.resolve("data")));
        CliRun r = CliRun.of("serve", "--config", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot connect to PostgreSQL", "127.0.0.1:1");
    }

    @Test
    void helpListsTheSubcommands() {
        CliRun r = CliRun.of("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("demo", "serve");
    }
}
