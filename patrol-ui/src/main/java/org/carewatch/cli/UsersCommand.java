package org.carewatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "users", mixinStandardHelpOptions = true, description = "Accounts of a new installation.",
        subcommands = {UsersAddCommand.class})
public final class UsersCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
