package org.carewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchAlertsCommandTest {

    @Test
    void defaultsAreTheIssuesRun() {
        BenchAlertsCommand cmd = new BenchAlertsCommand();
        new CommandLine(cmd).parseArgs();
        assertThat(cmd.rate).isEqualTo(10_000);
        assertThat(cmd.seconds).isEqualTo(30);
        assertThat(cmd.smokeEveryMs).isEqualTo(200);
        assertThat(cmd.broker).isNull();
        assertThat(cmd.pgUrl).isNull();
        assertThat(cmd.problem()).isNull();
    }

    @Test
    void externalServersAreAccepted() {
        BenchAlertsCommand cmd = new BenchAlertsCommand();
        new CommandLine(cmd).parseArgs("--broker", "tcp://127.0.0.1:18831", "--pg-url",
                "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres", "--seconds", "5", "--rate", "0");
        assertThat(cmd.problem()).isNull();
    }

    @Test
    void badValuesAreRejectedBeforeAnythingStarts() {
        assertThat(problem("--seconds", "0")).contains("--seconds");
        assertThat(problem("--smoke-interval-ms", "1")).contains("--smoke-interval-ms");
        assertThat(problem("--rate", "-1")).contains("--rate");
        assertThat(problem("--pg-url", "postgres://x")).contains("--pg-url");
        assertThat(problem("--broker", "http://x")).contains("--broker");
        assertThat(new CommandLine(new BenchAlertsCommand()).execute("--seconds", "0")).isEqualTo(2);
    }

    private static String problem(String... args) {
        BenchAlertsCommand cmd = new BenchAlertsCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.problem();
    }
}
