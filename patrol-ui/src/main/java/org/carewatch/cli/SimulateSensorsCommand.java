package org.carewatch.cli;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.carewatch.core.mqtt.MqttLogin;
import org.carewatch.tools.simulator.sensors.PayloadModel;
import org.carewatch.tools.simulator.sensors.SensorSimulator;
import org.carewatch.tools.simulator.sensors.SimulatedDevice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code carewatch simulate sensors}: publishes realistic payloads of a shipped sensor profile. */
@Command(name = "sensors", mixinStandardHelpOptions = true,
        description = {"Publishes simulated sensor messages (QoS 1) for a shipped sensor profile at a chosen overall rate.",
                "Devices are named PREFIX00001...; register them in CareWatch with the same device keys to ingest their readings."})
public final class SimulateSensorsCommand implements Callable<Integer> {
    @Option(names = "--broker", required = true, description = "MQTT broker URL, e.g. tcp://127.0.0.1:1883")
    String broker;

    @Option(names = "--profile", required = true, description = "sensor profile id (simulated: ${COMPLETION-CANDIDATES})",
            completionCandidates = Profiles.class)
    String profile;

    @Option(names = "--devices", defaultValue = "10", description = "number of devices (default ${DEFAULT-VALUE})")
    int devices;

    @Option(names = "--rate", defaultValue = "10", description = "messages per second over all devices (default ${DEFAULT-VALUE}; 0 = as fast as possible)")
    double rate;

    @Option(names = "--count", defaultValue = "0", description = "stop after this many messages (default: run until Ctrl+C)")
    long count;

    @Option(names = "--prefix", defaultValue = "sim-", description = "device name prefix (default ${DEFAULT-VALUE})")
    String prefix;

    @Option(names = "--connections", defaultValue = "1", description = "MQTT connections to publish over (default ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--device", paramLabel = "KEY", description = "simulate exactly this registered device (its device key) instead of --devices/--prefix")
    String device;

    @Option(names = "--username", description = "MQTT login, e.g. a sensor's (sensor-ID): a device's login may publish to its own topics only")
    String username;

    @Option(names = "--password", description = "password of --username (or the environment variable CAREWATCH_SIM_MQTT_PASSWORD)")
    String password;

    static final class Profiles extends ArrayList<String> {
        Profiles() {
            super(PayloadModel.supportedProfiles());
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!PayloadModel.supportedProfiles().contains(profile)) {
            System.err.println("carewatch simulate sensors: no simulator for profile '" + profile + "'; simulated profiles: "
                    + PayloadModel.supportedProfiles());
            return 2;
        }
        if (devices < 1 || connections < 1 || rate < 0) {
            System.err.println("carewatch simulate sensors: --devices and --connections must be at least 1, --rate not negative");
            return 2;
        }
        String pass = password != null ? password : System.getenv("CAREWATCH_SIM_MQTT_PASSWORD");
        if ((username == null) != (pass == null)) {
            System.err.println("carewatch simulate sensors: give --username and --password together (or neither, for an open broker)");
            return 2;
        }
        MqttLogin login = username == null ? null : new MqttLogin(username, pass);
        List<SimulatedDevice> list = new ArrayList<>();
        if (device != null) {
            list.add(new SimulatedDevice(profile, device, 1));
        } else {
            for (int i = 1; i <= devices; i++) {
                list.add(new SimulatedDevice(profile, String.format(Locale.ROOT, "%s%05d", prefix, i), i));
            }
        }
        System.out.printf("publishing %s for %d devices (%s ... %s) at %s msg/s to %s%n", profile, list.size(), list.get(0).topic(),
                list.get(list.size() - 1).topic(), rate == 0 ? "max" : rate, broker);
        long start = System.nanoTime();
        // Not "carewatch-...": brokers that secure CareWatch reserve that prefix for its own sessions.
        try (SensorSimulator sim = new SensorSimulator(broker, "sim-" + ProcessHandle.current().pid(), list, connections, 1,
                Clock.systemUTC(), SensorSimulator.Transport.PAHO, login)) {
            Thread hook = new Thread(sim::close);
            Runtime.getRuntime().addShutdownHook(hook); // Ctrl+C stops publishing and disconnects cleanly
            sim.run(count, rate, null);
            sim.awaitPublished(30_000);
            Runtime.getRuntime().removeShutdownHook(hook);
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "{\"published\":%d,\"failed\":%d,\"seconds\":%.2f,\"messages_per_s\":%.0f}%n",
                    sim.published(), sim.failed(), s, sim.published() / s);
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            System.err.println("carewatch simulate sensors: cannot connect to " + broker + ": " + e.getMessage());
            return 1;
        }
        return 0;
    }
}
