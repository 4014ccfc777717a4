package org.carewatch.tools.simulator.sensors;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.carewatch.core.mqtt.MqttLogin;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Publishes simulated device messages at a chosen overall rate over one or more MQTT connections
 * (QoS 1 by default, as devices that must not lose alarms do). Devices are served round-robin.
 */
public final class SensorSimulator implements AutoCloseable {
    /**
     * Most publishes in flight per connection. The broker's own Receive Maximum (from its CONNACK; MQTT's
     * default 65,535 when it sends none) lowers it: Mosquitto announces its max_inflight_messages (20 by
     * default), HiveMQ its configured window. A window of a few hundred keeps a loopback broker busy; a
     * window of 10 would cap a connection at ten round trips' worth of messages.
     */
    static final int MAX_IN_FLIGHT = 500;

    /** How the simulator talks to the broker. */
    public enum Transport {
        /** Paho, reconnecting on its own: for simulators that run for hours (the CLI, the demo, tests). */
        PAHO,
        /** A lean Netty publisher that does not reconnect: load generation for benchmarks. */
        LOAD
    }

    private final List<PublishConnection> connections = new ArrayList<>();
    private final List<Semaphore> windows = new ArrayList<>();
    private final List<SimulatedDevice> devices;
    private final int qos;
    private final Clock clock;
    private final EventLoopGroup loop;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean stopped;
    /** The load transport gives up when the broker acknowledges nothing for this long. */
    private volatile java.time.Duration stallAfter = java.time.Duration.ofSeconds(30);

    public SensorSimulator(String brokerUrl, String clientIdPrefix, List<SimulatedDevice> devices, int connections, int qos,
                           Clock clock) throws IOException, MqttException {
        this(brokerUrl, clientIdPrefix, devices, connections, qos, clock, Transport.PAHO);
    }

    public SensorSimulator(String brokerUrl, String clientIdPrefix, List<SimulatedDevice> devices, int connections, int qos,
                           Clock clock, Transport transport) throws IOException, MqttException {
        this(brokerUrl, clientIdPrefix, devices, connections, qos, clock, transport, null);
    }

    /**
     * @param login the MQTT login every connection uses (a device's, issued with its sensor); null: none (an
     *              open test broker).
     */
    public SensorSimulator(String brokerUrl, String clientIdPrefix, List<SimulatedDevice> devices, int connections, int qos,
                           Clock clock, Transport transport, MqttLogin login) throws IOException, MqttException {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("no devices to simulate");
        }
        this.devices = List.copyOf(devices);
        this.qos = qos;
        this.clock = clock;
        this.loop = transport == Transport.LOAD ? new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()) : null;
        try {
            for (int i = 0; i < connections; i++) {
                String id = clientIdPrefix + "-" + i;
                PublishConnection c = transport == Transport.LOAD
                        ? new NettyPublishConnection(loop, brokerUrl, id, MAX_IN_FLIGHT, login)
                        : new PahoPublishConnection(brokerUrl, id, MAX_IN_FLIGHT, login);
                this.connections.add(c);
                windows.add(new Semaphore(c.window()));
            }
        } catch (IOException | MqttException | RuntimeException e) {
            close();
            throw e;
        }
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
            publish((int) (n % connections.size()), m);
            n++;
        }
    }

    /**
     * The next {@code total} messages, made in advance: a benchmark then times only their publishing and
     * ingest, not the formatting of payloads (which real devices do on their own hardware).
     */
    public List<SimulatedDevice.Message> prepare(int total) {
        List<SimulatedDevice.Message> out = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            out.add(devices.get(i % devices.size()).next(clock.instant()));
        }
        return out;
    }

    /**
     * Publishes prepared messages as fast as the broker takes them, round-robin over the connections. The
     * load transport returns once the broker acknowledged (or refused) every one of them; Paho returns
     * once all were handed over ({@link #awaitPublished} waits for the acknowledgements).
     */
    public void publishAll(List<SimulatedDevice.Message> messages) throws InterruptedException {
        if (loop != null) {
            pumpAll(messages);
            return;
        }
        for (int i = 0; i < messages.size() && !stopped; i++) {
            publish(i % connections.size(), messages.get(i));
        }
    }

    /** For tests: how long {@link #publishAll} on the load transport waits for a silent broker. */
    void stallAfter(java.time.Duration d) {
        this.stallAfter = d;
    }

    /** The load transport: each connection's event loop sends its share, one message per acknowledgement. */
    private void pumpAll(List<SimulatedDevice.Message> messages) throws InterruptedException {
        int n = connections.size();
        List<CompletableFuture<Void>> finished = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            List<SimulatedDevice.Message> share = new ArrayList<>(messages.size() / n + 1);
            for (int i = c; i < messages.size(); i += n) {
                share.add(messages.get(i));
            }
            finished.add(((NettyPublishConnection) connections.get(c)).publishAll(share, qos,
                    ok -> (ok ? published : failed).incrementAndGet()));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(finished.toArray(CompletableFuture[]::new));
        long settled = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            try {
                all.get(1, TimeUnit.SECONDS);
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("load publisher failed", e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                long now = published.get() + failed.get();
                if (now != settled) {
                    settled = now;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > stallAfter.toNanos()) {
                    throw new IllegalStateException("the broker acknowledged nothing for " + stallAfter.toSeconds() + " s ("
                            + published.get() + " of " + messages.size() + " messages acknowledged)");
                }
            }
        }
    }

    private void publish(int index, SimulatedDevice.Message m) throws InterruptedException {
        Semaphore window = windows.get(index);
        byte[] payload = m.payload().getBytes(StandardCharsets.UTF_8);
        while (true) {
            window.acquire();
            boolean sent = connections.get(index).publish(m.topic(), payload, qos, ok -> {
                (ok ? published : failed).incrementAndGet();
                window.release();
            });
            if (sent) {
                return;
            }
            window.release();
            if (stopped) {
                return;
            }
            // Not connected (Paho reconnects by itself) or the client's own window is full: try again shortly.
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** Waits until every publish so far has been acknowledged by the broker. */
    public void awaitPublished(long timeoutMillis) throws InterruptedException {
        for (int i = 0; i < windows.size(); i++) {
            Semaphore w = windows.get(i);
            int size = connections.get(i).window();
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
        connections.forEach(PublishConnection::close);
        if (loop != null) {
            loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
