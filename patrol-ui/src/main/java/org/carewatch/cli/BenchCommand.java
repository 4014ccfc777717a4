package org.carewatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code carewatch bench}: benchmarks (minimal version on branch bench; the lead merges the full one). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run benchmarks.",
        subcommands = {BenchRtspCommand.class, BenchAlertsCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
