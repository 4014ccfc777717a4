package org.carewatch.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.config.MqttConfig;
import org.carewatch.ingest.telemetry.BrokerSessions;
import org.eclipse.paho.mqttv5.common.MqttException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code carewatch mqtt retire}: ends a node's persistent sessions at an external broker, for a node that
 * is taken out of service for good. Otherwise the broker keeps queueing for it, and Mosquitto goes on
 * giving it its share of a shared subscription group, which is lost when the session expires.
 */
@Command(name = "retire", mixinStandardHelpOptions = true,
        description = {"Ends the MQTT sessions of a node taken out of service for good, so the broker stops queueing for it",
                "(with Mosquitto a stopped member of a shared group keeps getting its share). Only for a stopped node:",
                "what the broker still holds for it is discarded."})
public final class MqttRetireCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "configuration file of the installation")
    Path config;

    @Option(names = "--node", description = "the retired node's nodeName (default: the one in the configuration)")
    String node;

    @Override
    public Integer call() {
        CareWatchConfig cfg = CommandConfig.loadOrReport(config);
        if (cfg == null) {
            return CommandConfig.INVALID;
        }
        MqttConfig m = cfg.mqtt();
        if (m.mode() != MqttConfig.Mode.EXTERNAL) {
            System.err.println("carewatch: mqtt.mode is embedded: the embedded broker serves only its own node, nothing to retire");
            return 2;
        }
        String name = node == null ? cfg.nodeName() : node;
        if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
            System.err.println("carewatch: --node must be 1-64 letters, digits, '.', '_' or '-', got '" + name + "'");
            return 2;
        }
        try {
            for (String id : BrokerSessions.ofNode(m.clientIdPrefix(), name)) {
                BrokerSessions.end(m.url(), id, m.username(), m.password());
                System.out.println("ended session " + id + " at " + m.url());
            }
            return 0;
        } catch (MqttException e) {
            System.err.println("carewatch: cannot end the sessions at " + m.url() + ": " + e.getMessage());
            return 1;
        }
    }
}
