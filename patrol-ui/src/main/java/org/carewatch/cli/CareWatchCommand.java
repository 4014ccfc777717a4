package org.carewatch.cli;

import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code carewatch} command line. */
@Command(name = "carewatch", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "CareWatch: remote patrol and IoT monitoring for childcare regulators (托育远程巡查与物联监测).",
        subcommands = {DemoCommand.class, ServeCommand.class, SnapshotCommand.class, SimulateCommand.class, ProfilesCommand.class,
                AuditCommand.class, MqttCommand.class, BenchCommand.class, PatrolCommand.class, DistrictsCommand.class, UsersCommand.class,
                CommandLine.HelpCommand.class})
public final class CareWatchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new CareWatchCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
