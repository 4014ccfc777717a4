package org.carewatch.ingest.telemetry.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes simulated device messages at a chosen overall rate over one or more MQTT connections
 * (QoS 1 by default, as devices that must not lose alarms do). Devices are served round-robin.
 */
public final class SensorSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SensorSimulator.class);
    /**
     * Most publishes in flight per connection. The broker's own Receive Maximum (from its CONNACK; MQTT's
     * default 65,535 when it sends none) lowers it: Mosquitto announces its max_inflight_messages (20 by
     * default), HiveMQ its configured window. A window of a few hundred keeps a loopback broker busy; a
     * window of 10 would cap a connection at ten round trips' worth of messages.
     */
    static final int MAX_IN_FLIGHT = 500;

    private final List<MqttAsyncClient> clients = new ArrayList<>();
    private final List<Semaphore> windows = new ArrayList<>();
    private final List<Integer> windowSizes = new ArrayList<>();
    private final List<SimulatedDevice> devices;
    private final int qos;
    private final Clock clock;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean stopped;

    public SensorSimulator(String brokerUrl, String clientIdPrefix, List<SimulatedDevice> devices, int connections, int qos,
                           Clock clock) throws MqttException {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("no devices to simulate");
        }
        this.devices = List.copyOf(devices);
        this.qos = qos;
        this.clock = clock;
        for (int i = 0; i < connections; i++) {
            MqttAsyncClient c = new MqttAsyncClient(brokerUrl, clientIdPrefix + "-" + i, new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            o.setAutomaticReconnect(true);
            o.setAutomaticReconnectDelay(1, 5);
            o.setConnectionTimeout(10);
            IMqttToken connected = c.connect(o);
            connected.waitForCompletion(15_000);
            clients.add(c);
            int window = windowFor(connected);
            windows.add(new Semaphore(window));
            windowSizes.add(window);
        }
    }

    private static int windowFor(IMqttToken connAck) {
        Integer announced = connAck.getResponseProperties() == null ? null : connAck.getResponseProperties().getReceiveMaximum();
        return announced == null || announced <= 0 ? MAX_IN_FLIGHT : Math.min(MAX_IN_FLIGHT, announced);
    }

    /**
     * Publishes {@code total} messages (or until {@link #close()}) at {@code ratePerSecond} (0: as fast as
     * the broker takes them), calling {@code onPublished} with each message before it is sent.
     */
    public void run(long total, double ratePerSecond, Consumer<SimulatedDevice.Message> onPublished) throws InterruptedException {
        long start = System.nanoTime();
        long n = 0;
        int d = 0;
        while (!stopped && (total <= 0 || n < total)) {
            if (ratePerSecond > 0) {
                long due = start + (long) (n * 1e9 / ratePerSecond);
                long wait = due - System.nanoTime();
                if (wait > 1_000_000) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            SimulatedDevice dev = devices.get(d);
            d = (d + 1) % devices.size();
            SimulatedDevice.Message m = dev.next(clock.instant());
            if (onPublished != null) {
                onPublished.accept(m);
            }
            publish((int) (n % clients.size()), m);
            n++;
        }
    }

    private void publish(int client, SimulatedDevice.Message m) throws InterruptedException {
        Semaphore window = windows.get(client);
        MqttMessage msg = new MqttMessage(m.payload().getBytes(StandardCharsets.UTF_8));
        msg.setQos(qos);
        while (true) {
            window.acquire();
            try {
                clients.get(client).publish(m.topic(), msg, null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        published.incrementAndGet();
                        window.release();
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable e) {
                        failed.incrementAndGet();
                        window.release();
                    }
                });
                return;
            } catch (MqttException e) {
                window.release();
                if (stopped) {
                    return;
                }
                // Not connected or the client's own window is full: wait a moment and try again.
                TimeUnit.MILLISECONDS.sleep(20);
            }
        }
    }

    /** Waits until every publish so far has been acknowledged by the broker. */
    public void awaitPublished(long timeoutMillis) throws InterruptedException {
        for (int i = 0; i < windows.size(); i++) {
            Semaphore w = windows.get(i);
            int size = windowSizes.get(i);
            if (w.tryAcquire(size, timeoutMillis, TimeUnit.MILLISECONDS)) {
                w.release(size);
            }
        }
    }

    public long published() {
        return published.get();
    }

    public long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        stopped = true;
        for (MqttAsyncClient c : clients) {
            try {
                if (c.isConnected()) {
                    c.disconnect(2000).waitForCompletion(3000);
                }
                c.close(true);
            } catch (MqttException e) {
                log.debug("simulator client close: {}", e.getMessage());
            }
        }
    }
}
