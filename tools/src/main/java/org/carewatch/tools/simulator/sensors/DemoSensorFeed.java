package org.carewatch.tools.simulator.sensors;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.carewatch.core.sensors.Sensor;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The demo's live data: every registered demo sensor of a simulated profile publishes about once per period. */
public final class DemoSensorFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoSensorFeed.class);

    private final SensorSimulator simulator;
    private final Thread thread;

    private DemoSensorFeed(SensorSimulator simulator, Thread thread) {
        this.simulator = simulator;
        this.thread = thread;
    }

    /** Starts publishing for the sensors whose profile the simulator supports; null when there are none. */
    public static DemoSensorFeed start(String brokerUrl, String clientId, List<Sensor> sensors, Duration every)
            throws MqttException, java.io.IOException {
        List<SimulatedDevice> devices = new ArrayList<>();
        for (Sensor s : sensors) {
            if (PayloadModel.supportedProfiles().contains(s.profileId())) {
                devices.add(new SimulatedDevice(s.profileId(), s.deviceKey(), s.id()));
            }
        }
        if (devices.isEmpty()) {
            return null;
        }
        SensorSimulator sim = new SensorSimulator(brokerUrl, clientId, devices, 1, 1, Clock.systemUTC());
        double rate = devices.size() / (double) Math.max(1, every.toSeconds());
        Thread t = Thread.ofVirtual().name("demo-sensors").start(() -> {
            try {
                sim.run(0, rate, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        log.info("demo sensor simulator: {} devices, each reporting about every {} s", devices.size(), every.toSeconds());
        return new DemoSensorFeed(sim, t);
    }

    @Override
    public void close() {
        simulator.close();
        thread.interrupt();
    }
}
