package org.carewatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code carewatch bench NAME}: benchmarks; each ends with one JSON line of its headline figures. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks; each prints one JSON line last.",
        subcommands = {BenchRtspCommand.class, BenchMqttCommand.class, BenchAlertsCommand.class, BenchPatrolCommand.class, BenchConsoleCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
