package org.carewatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "patrol", mixinStandardHelpOptions = true, description = "The daily patrol rotation: draw a day, verify an exported draw.",
        subcommands = {PatrolDrawCommand.class, PatrolVerifyCommand.class})
public final class PatrolCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
