package org.carewatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "mqtt", mixinStandardHelpOptions = true, description = "A node's sessions at the MQTT broker; Mosquitto files from the sensor registry.",
        subcommands = {MqttRetireCommand.class, MqttAclCommand.class})
public final class MqttCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
