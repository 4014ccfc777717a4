package org.carewatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "districts", mixinStandardHelpOptions = true, description = "Districts of a new installation.",
        subcommands = {DistrictsAddCommand.class})
public final class DistrictsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
