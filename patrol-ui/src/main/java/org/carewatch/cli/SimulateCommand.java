package org.carewatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code carewatch simulate ...}: device simulators for tests, the demo and benchmarks. */
@Command(name = "simulate", mixinStandardHelpOptions = true, description = "Simulated devices: cameras over RTSP, sensors over MQTT.",
        subcommands = {SimulateCamerasCommand.class, SimulateSensorsCommand.class})
public final class SimulateCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
