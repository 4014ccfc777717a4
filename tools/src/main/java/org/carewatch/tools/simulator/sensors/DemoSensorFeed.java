package org.carewatch.tools.simulator.sensors;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.carewatch.core.mqtt.MqttLogin;
import org.carewatch.core.sensors.Sensor;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's live data: every registered demo sensor of a simulated profile publishes about once per period,
 * each over its own connection with its own MQTT login (as a real device does: the broker lets it publish
 * only to its own topics).
 */
public final class DemoSensorFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoSensorFeed.class);

    private final List<SensorSimulator> simulators;
    private final List<Thread> threads;

    private DemoSensorFeed(List<SensorSimulator> simulators, List<Thread> threads) {
        this.simulators = simulators;
        this.threads = threads;
    }

    /**
     * Starts publishing for the sensors whose profile the simulator supports and that have a login; null when
     * there are none.
     *
     * @param logins each sensor's MQTT login by sensor id
     */
    public static DemoSensorFeed start(String brokerUrl, List<Sensor> sensors, Map<Long, MqttLogin> logins, Duration every)
            throws MqttException, java.io.IOException {
        List<SensorSimulator> sims = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        try {
            for (Sensor s : sensors) {
                MqttLogin login = logins.get(s.id());
                if (login == null || !PayloadModel.supportedProfiles().contains(s.profileId())) {
                    continue;
                }
                // Client ids of devices must stay clear of CareWatch's reserved prefix.
                SensorSimulator sim = new SensorSimulator(brokerUrl, "demo-device-" + s.id(), List.of(new SimulatedDevice(s.profileId(),
                        s.deviceKey(), s.id())), 1, 1, Clock.systemUTC(), SensorSimulator.Transport.PAHO, login);
                sims.add(sim);
                double rate = 1.0 / Math.max(1, every.toSeconds());
                threads.add(Thread.ofVirtual().name("demo-sensor-" + s.id()).start(() -> {
                    try {
                        sim.run(0, rate, null);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
        } catch (MqttException | java.io.IOException | RuntimeException e) {
            new DemoSensorFeed(sims, threads).close();
            throw e;
        }
        if (sims.isEmpty()) {
            return null;
        }
        log.info("demo sensor simulator: {} devices, each with its own MQTT login, reporting about every {} s", sims.size(),
                every.toSeconds());
        return new DemoSensorFeed(sims, threads);
    }

    @Override
    public void close() {
        simulators.forEach(SensorSimulator::close);
        threads.forEach(Thread::interrupt);
    }
}
