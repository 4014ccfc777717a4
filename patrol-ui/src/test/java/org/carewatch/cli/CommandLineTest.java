package org.carewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = CareWatchCommand.commandLine().execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void serveRefusesAConfigWithAnUnknownKey() throws Exception {
        Path f = dir.resolve("cw.yaml");
        Files.writeString(f, "store:\n  mode: external\n  jdbcUrl: jdbc:postgresql://x/y\n");
        Run r = run("serve", "--config", f.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("'store.jdbcUrl'", "unknown key", f.toString());
    }

    @Test
    void serveRefusesABadValue() throws Exception {
        Path f = dir.resolve("cw.yaml");
        Files.writeString(f, "http:\n  port: -1\n");
        Run r = run("serve", "--config", f.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("'http.port'", "-1");
    }

    @Test
    void serveNamesAMissingFile() {
        Run r = run("serve", "--config", dir.resolve("absent.yaml").toString());
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
        Run r = run("serve", "--config", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot connect to PostgreSQL", "127.0.0.1:1");
    }

    @Test
    void helpListsTheSubcommands() {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("demo", "serve");
    }
}
