package org.carewatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "simulate", mixinStandardHelpOptions = true, description = "Simulators for tests, the demo and benchmarks.",
        subcommands = {SimulateCamerasCommand.class})
public final class SimulateCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
