package org.carewatch.ingest.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.sql.DataSource;
import org.carewatch.core.config.TelemetryConfig;
import org.carewatch.core.readings.DeviceEvent;
import org.carewatch.core.readings.DurableReadingStore;
import org.carewatch.core.readings.HourlyRollup;
import org.carewatch.core.readings.Reading;
import org.carewatch.core.readings.ReadingBatch;
import org.carewatch.core.readings.ReadingListener;
import org.carewatch.core.readings.ReadingQueries;
import org.carewatch.core.readings.ReadingSpool;
import org.carewatch.core.readings.ReadingWriter;
import org.carewatch.core.readings.RejectKind;
import org.carewatch.core.readings.RejectedMessage;
import org.carewatch.core.sensors.SensorRepository;
import org.carewatch.profiles.sensor.SensorProfile;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT telemetry from subscription to committed rows.
 *
 * <pre>
 * Paho callback ─offer─▶ inbound queue ─▶ batcher thread: route, decode, availability/silence
 *      (never blocks)       (bounded)          │  batches of batchRows readings or flushMillis age
 *        │                                     ▼
 *        │                     hand-off (2 batches) ─▶ writer thread: COPY + dedupe, or disk spool
 *        │                                                 │ then listeners (rules hook), then MQTT acks
 *
 * second MQTT session (life-safety topics only) ─▶ {@link LifeSafetyLane}: own queue at the broker, own
 *                                           thread, own small commits, same listeners, its own acks
 * </pre>
 *
 * The routine session also receives the life-safety messages (its filters cover them); it only tracks and
 * acknowledges them while the life-safety session is subscribed, and otherwise hands them to the lane
 * itself, so an alarm is never lost to a session that is down.
 *
 * QoS 1 messages are acknowledged only after their batch is committed or spooled, so the broker's
 * Receive Maximum (= {@code telemetry.receiveMaximum}) bounds the un-acknowledged messages, and with
 * them the queue: a slow store slows the broker down instead of filling memory or dropping.
 */
public final class TelemetryPipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TelemetryPipeline.class);
    /** Rejected messages stored per batch; the rest are only counted (a flood of garbage must not slow ingest). */
    static final int REJECTED_STORED_PER_BATCH = 100;

    private final TelemetryConfig cfg;
    private final String sharedGroup;
    private final BrokerConnection broker;
    private final SensorRepository sensors;
    private final Function<String, Optional<SensorProfile>> profiles;
    private final Clock clock;
    private final ReadingQueries queries;
    private final DurableReadingStore store;
    private final MessageProcessor processor;
    private final LifeSafetyLane lifeSafety;
    /** The life-safety session; null when {@code telemetry.lifeSafetySession} is off. */
    private final BrokerConnection alarms;
    private final BlockingQueue<InboundMessage> inbound;
    private final BlockingQueue<Pending> handoff = new ArrayBlockingQueue<>(2);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("telemetry-registry").factory());

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong readings = new AtomicLong();
    private final AtomicLong overflow = new AtomicLong();
    private final AtomicLong brokerOverrun = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong deviceEvents = new AtomicLong();
    private final Map<RejectKind, AtomicLong> rejected = new EnumMap<>(RejectKind.class);
    private final Map<RejectKind, Counter> rejectedCounters = new EnumMap<>(RejectKind.class);
    private final Timer commitLatency;
    private final Counter readingsCounter;

    private volatile TopicRouter router = TopicRouter.build(List.of(), id -> Optional.empty());
    private volatile boolean accepting;
    private volatile boolean running;
    private volatile boolean writing;
    private Thread batcher;
    private Thread writer;

    /** @param after for a life-safety message: acknowledged only once its lane has stored it; else null */
    private record Ack(int id, int qos, long epoch, CompletableFuture<Void> after) {
    }

    /** A batch with the messages to acknowledge once it is durable. */
    private record Pending(ReadingBatch batch, List<Ack> acks, long oldestNanos) {
    }

    private static final Pending END = new Pending(new ReadingBatch(List.of(), List.of(), List.of()), List.of(), 0);

    public TelemetryPipeline(TelemetryConfig cfg, String sharedGroup, BrokerConnection broker, DataSource ds,
                             HourlyRollup rollup, SensorRepository sensors, Function<String, Optional<SensorProfile>> profiles,
                             java.nio.file.Path spoolDir, MeterRegistry meters, Clock clock) throws IOException {
        this(cfg, sharedGroup, broker, ds, rollup, sensors, profiles, spoolDir, meters, clock, null);
    }

    /** @param readingsRetention readings stamped before now minus this are rejected as stale; null: no limit */
    public TelemetryPipeline(TelemetryConfig cfg, String sharedGroup, BrokerConnection broker, DataSource ds,
                             HourlyRollup rollup, SensorRepository sensors, Function<String, Optional<SensorProfile>> profiles,
                             java.nio.file.Path spoolDir, MeterRegistry meters, Clock clock, java.time.Duration readingsRetention)
            throws IOException {
        this.cfg = cfg;
        this.sharedGroup = sharedGroup;
        this.broker = broker;
        this.sensors = sensors;
        this.profiles = profiles;
        this.clock = clock;
        this.queries = new ReadingQueries(ds, rollup);
        this.store = new DurableReadingStore(ds, new ReadingWriter(ds, cfg.rejectedKeep(), rollup),
                new ReadingSpool(spoolDir, cfg.spoolMaxBytes()), 1000);
        this.processor = new MessageProcessor(cfg.maxMessageBytes(), cfg.maxClockSkew(), readingsRetention);
        // Its own spool (a folder inside the routine one, which ignores folders), a tenth of the space: when it
        // is full the lane holds back, its queue fills, and further alarms take the routine path.
        this.lifeSafety = new LifeSafetyLane(new DurableReadingStore(ds, new ReadingWriter(ds, cfg.rejectedKeep(), rollup),
                new ReadingSpool(spoolDir.resolve("life-safety"), Math.max(1, cfg.spoolMaxBytes() / 10)), 1000),
                processor, () -> router, r -> countRejected(r.message()), this::countStored, this::ackAlarm);
        this.alarms = cfg.lifeSafetySession() ? createAlarmSession(broker) : null;
        // QoS 1 messages never exceed receiveMaximum (the broker stops at that many un-acked); the rest is
        // room for QoS 0 messages, which are dropped and counted when it is gone.
        this.inbound = new ArrayBlockingQueue<>(cfg.receiveMaximum() * 2);
        for (RejectKind k : RejectKind.values()) {
            rejected.put(k, new AtomicLong());
        }
        if (meters != null) {
            for (RejectKind k : RejectKind.values()) {
                rejectedCounters.put(k, Counter.builder("carewatch.telemetry.rejected").tag("kind", k.code())
                        .description("MQTT messages rejected, by reason").register(meters));
            }
            readingsCounter = Counter.builder("carewatch.telemetry.readings").description("readings accepted (committed or spooled)")
                    .register(meters);
            commitLatency = Timer.builder("carewatch.telemetry.commit.latency").description("receive to commit or spool")
                    .publishPercentiles(0.5, 0.99).register(meters);
            meters.gauge("carewatch.telemetry.queue", inbound, BlockingQueue::size);
            meters.gauge("carewatch.telemetry.spool.bytes", this, TelemetryPipeline::spoolBytes);
            meters.more().counter("carewatch.telemetry.messages", List.of(), received);
            meters.more().counter("carewatch.telemetry.overflow", List.of(), overflow);
            io.micrometer.core.instrument.FunctionCounter.builder("carewatch.telemetry.timestamps.rejected", processor,
                            MessageProcessor::timestampsRejected)
                    .description("readings stamped too far in the future, stored with their arrival time").register(meters);
        } else {
            readingsCounter = null;
            commitLatency = null;
        }
    }

    /** The client id of the life-safety session is the routine one's with this suffix. */
    public static final String LIFE_SAFETY_SESSION_SUFFIX = "-life-safety";

    private static BrokerConnection createAlarmSession(BrokerConnection broker) {
        try {
            return broker.companion(LIFE_SAFETY_SESSION_SUFFIX);
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            throw new IllegalStateException("cannot create the life-safety MQTT session: " + e.getMessage(), e);
        }
    }

    /**
     * Adds a rules hook. It hears the batches accepted from then on (add it before {@link #start()} to hear
     * every one), each batch after the hooks added before it: once a later hook has heard a reading, every
     * earlier hook has been handed it.
     */
    public void addListener(ReadingListener l) {
        store.addListener(l);
        lifeSafety.store().addListener(l);
    }

    /** Loads the registry, subscribes, and starts the batcher and writer threads. */
    public void start() throws SQLException {
        Map<Long, Boolean> known = queries.lastDeviceStates();
        router = TopicRouter.build(sensors.listActive(), profiles);
        running = true;
        DeviceStatusTracker tracker = new DeviceStatusTracker(known, clock.instant());
        batcher = Thread.ofPlatform().name("telemetry-batcher").start(() -> batchLoop(tracker));
        writer = Thread.ofPlatform().name("telemetry-writer").start(this::writeLoop);
        lifeSafety.start();
        accepting = true;
        if (alarms != null) {
            alarms.setMessageHandler(this::onAlarmMessage);
            alarms.subscribe(List.copyOf(router.lifeSafetyTopics()), 1, sharedGroup);
            alarms.connect();
        }
        broker.setMessageHandler(this::onMessage);
        broker.subscribe(List.copyOf(router.filters()), 1, sharedGroup);
        long every = cfg.registryRefresh().toMillis();
        timer.scheduleWithFixedDelay(this::refreshQuietly, every, every, TimeUnit.MILLISECONDS);
        log.info("telemetry ingest started: {} sensors, {} topic filters{}", router.sensors().size(), router.filters().size(),
                sharedGroup == null || sharedGroup.isEmpty() ? "" : " (shared group " + sharedGroup + ")");
    }

    /** Re-reads the sensor registry now (e.g. after a sensor was registered) and subscribes to new profiles' topics. */
    public void refreshSensors() throws SQLException {
        TopicRouter next = TopicRouter.build(sensors.listActive(), profiles);
        // Subscribed before the router knows the new topics as life-safety; until the broker confirms, the
        // routine session keeps handing them to the lane itself (see onMessage).
        if (alarms != null) {
            alarms.subscribe(List.copyOf(next.lifeSafetyTopics()), 1, sharedGroup);
        }
        router = next;
        broker.subscribe(List.copyOf(next.filters()), 1, sharedGroup);
    }

    private void refreshQuietly() {
        try {
            refreshSensors();
        } catch (SQLException | RuntimeException e) {
            log.debug("sensor registry refresh failed (keeping the current one): {}", e.getMessage());
        }
    }

    /** Paho's callback thread: only hands the message on. */
    private void onMessage(String topic, MqttMessage m, long epoch) {
        if (!accepting) {
            return; // not acknowledged: the broker delivers it again to the next session
        }
        received.incrementAndGet();
        InboundMessage in = new InboundMessage(topic, m.getPayload(), m.getQos(), m.getId(), epoch, clock.instant(), System.nanoTime(),
                null);
        if (router.lifeSafety(topic)) {
            // Taken by the life-safety session when it is subscribed; else by the lane through this session.
            CompletableFuture<Void> stored = alarms != null && alarms.subscribed() ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
            InboundMessage urgent = new InboundMessage(in.topic(), in.payload(), in.qos(), in.messageId(), in.connectionEpoch(),
                    in.receivedAt(), in.receivedNanos(), stored);
            if (stored.isDone() || lifeSafety.offer(urgent)) {
                in = urgent; // the routine path now only tracks and acknowledges it
            }
        }
        if (m.getQos() == 0 && inbound.size() >= cfg.receiveMaximum()) {
            overflow.incrementAndGet();
            return;
        }
        if (!inbound.offer(in)) {
            // Only when the broker sends more un-acked QoS 1 messages than our Receive Maximum (Mosquitto does
            // with max_inflight_messages 0). Dropping would stall them until a reconnect, so here, and only
            // here, Paho's thread waits: TCP back-pressure slows the broker down and nothing is lost.
            if (brokerOverrun.getAndIncrement() == 0) {
                log.warn("the broker exceeds telemetry.receiveMaximum ({}); holding its connection back (check the broker's "
                        + "in-flight limit, e.g. Mosquitto max_inflight_messages)", cfg.receiveMaximum());
            }
            try {
                inbound.put(in);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The life-safety session's Paho callback thread. */
    private void onAlarmMessage(String topic, MqttMessage m, long epoch) {
        if (!accepting) {
            return; // not acknowledged: redelivered to the next session
        }
        received.incrementAndGet();
        try {
            lifeSafety.put(new InboundMessage(topic, m.getPayload(), m.getQos(), m.getId(), epoch, clock.instant(), System.nanoTime(), null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void ackAlarm(InboundMessage m) {
        if (m.qos() > 0 && alarms.ack(m.messageId(), m.qos(), m.connectionEpoch())) {
            acked.incrementAndGet();
        }
    }

    private void batchLoop(DeviceStatusTracker tracker) {
        List<InboundMessage> drained = new ArrayList<>(1024);
        Builder b = new Builder();
        long nextSilenceCheck = System.nanoTime() + cfg.silenceCheck().toNanos();
        long flushNanos = TimeUnit.MILLISECONDS.toNanos(cfg.flushMillis());
        try {
            while (running || !inbound.isEmpty()) {
                long wait = b.isEmpty() ? flushNanos : Math.max(0, b.startedNanos + flushNanos - System.nanoTime());
                // A pending batch waits for the writer: look again soon.
                long cap = b.isEmpty() ? TimeUnit.MILLISECONDS.toNanos(50) : TimeUnit.MILLISECONDS.toNanos(1);
                InboundMessage first = inbound.poll(Math.min(wait, cap), TimeUnit.NANOSECONDS);
                if (first != null) {
                    drained.add(first);
                    inbound.drainTo(drained, 4096);
                    for (InboundMessage m : drained) {
                        handle(m, b, tracker);
                        if (b.readings.size() >= cfg.batchRows()) {
                            b = flush(b);
                        }
                    }
                    drained.clear();
                }
                long now = System.nanoTime();
                if (now >= nextSilenceCheck) {
                    nextSilenceCheck = now + cfg.silenceCheck().toNanos();
                    for (DeviceEvent e : tracker.silent(router.sensors(), clock.instant())) {
                        b.event(e);
                    }
                }
                // Group commit: write as soon as the writer is free and nothing more is waiting, so a broker
                // with a small in-flight window is never kept waiting for the flush interval; while the
                // writer is busy the batch keeps growing up to batchRows or flushMillis.
                if (!b.isEmpty() && (now - b.startedNanos >= flushNanos || (inbound.isEmpty() && writerIdle()))) {
                    b = flush(b);
                }
            }
            if (!b.isEmpty()) {
                flush(b);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("telemetry batcher failed", e);
        } finally {
            putQuietly(END);
        }
    }

    private void handle(InboundMessage m, Builder b, DeviceStatusTracker tracker) {
        b.touch(m);
        if (m.prioritized()) {
            router.route(m.topic()).ifPresent(r -> tracker.seen(r.sensor(), m.receivedAt()).ifPresent(b::event));
            return;
        }
        MessageProcessor.Outcome o = processor.process(m, router);
        switch (o) {
            case MessageProcessor.Readings r -> {
                b.readings.addAll(r.readings());
                tracker.seen(r.sensor(), m.receivedAt()).ifPresent(b::event);
            }
            case MessageProcessor.Availability a -> tracker.availability(a.sensor(), a.online(), m.receivedAt()).ifPresent(b::event);
            case MessageProcessor.Rejected r -> {
                countRejected(r.message());
                if (b.rejected.size() < REJECTED_STORED_PER_BATCH) {
                    b.rejected.add(r.message());
                }
                if (r.sensorOrNull() != null) {
                    tracker.seen(r.sensorOrNull(), m.receivedAt()).ifPresent(b::event);
                }
            }
        }
    }

    private void countRejected(RejectedMessage m) {
        rejected.get(m.kind()).incrementAndGet();
        Counter c = rejectedCounters.get(m.kind());
        if (c != null) {
            c.increment();
        }
    }

    private void countStored(int n) {
        readings.addAndGet(n);
        if (readingsCounter != null) {
            readingsCounter.increment(n);
        }
    }

    private boolean writerIdle() {
        return handoff.isEmpty() && !writing;
    }

    private Builder flush(Builder b) throws InterruptedException {
        handoff.put(new Pending(new ReadingBatch(b.readings, b.events, b.rejected), b.acks, b.startedNanos));
        return new Builder();
    }

    private void writeLoop() {
        try {
            while (true) {
                Pending p = handoff.poll(50, TimeUnit.MILLISECONDS);
                if (p == null) {
                    store.replayOne();
                    continue;
                }
                if (p == END) {
                    return;
                }
                writing = true;
                if (!p.batch().isEmpty()) {
                    store.accept(p.batch());
                }
                countStored(p.batch().readings().size());
                deviceEvents.addAndGet(p.batch().events().size());
                if (commitLatency != null) {
                    commitLatency.record(System.nanoTime() - p.oldestNanos(), TimeUnit.NANOSECONDS);
                }
                for (Ack a : p.acks()) {
                    if (a.after() != null && !storedByLane(a)) {
                        continue; // not stored (shutdown with the store down): the broker redelivers it
                    }
                    if (broker.ack(a.id(), a.qos(), a.epoch())) {
                        acked.incrementAndGet();
                    }
                }
                writing = false;
                if (handoff.isEmpty()) {
                    store.replayOne();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("telemetry writer interrupted; un-acknowledged messages will be redelivered by the broker");
        } catch (RuntimeException e) {
            log.error("telemetry writer failed", e);
        }
    }

    private static boolean storedByLane(Ack a) {
        try {
            a.after().join();
            return true;
        } catch (CompletionException | CancellationException e) {
            return false;
        }
    }

    private void putQuietly(Pending p) {
        try {
            handoff.put(p);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public TelemetryStats stats() {
        Map<String, Long> rej = new TreeMap<>();
        rejected.forEach((k, v) -> rej.put(k.code(), v.get()));
        return new TelemetryStats(received.get(), readings.get(), rej, overflow.get(), acked.get(), inbound.size(),
                spoolBytes(), deviceEvents.get(), processor.timestampsRejected());
    }

    private long spoolBytes() {
        return store.spool().bytes() + lifeSafety.store().spool().bytes();
    }

    /** True when the life-safety session is connected and its subscriptions are confirmed (false when it is off). */
    public boolean lifeSafetySessionSubscribed() {
        return alarms != null && alarms.subscribed();
    }

    public boolean storeUp() {
        return store.storeUp() && lifeSafety.store().storeUp();
    }

    /** Stops taking messages, writes and acknowledges everything already taken, then returns. */
    @Override
    public void close() {
        accepting = false;
        timer.shutdownNow();
        running = false;
        join(batcher, Duration.ofSeconds(60));
        lifeSafety.close();
        join(writer, Duration.ofSeconds(60));
        if (alarms != null) {
            alarms.close();
        }
        store.close();
        TelemetryStats s = stats();
        log.info("telemetry ingest stopped: {} messages, {} readings, {} rejected, {} bytes left in the spool",
                s.received(), s.readings(), s.rejectedTotal(), s.spoolBytes());
    }

    /** Waits up to {@code max} for {@code t} (null: nothing to wait for), then interrupts it. */
    static void join(Thread t, Duration max) {
        if (t == null) {
            return;
        }
        try {
            if (!t.join(max)) {
                t.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The batch being filled by the batcher thread. */
    private static final class Builder {
        final List<Reading> readings = new ArrayList<>();
        final List<DeviceEvent> events = new ArrayList<>();
        final List<RejectedMessage> rejected = new ArrayList<>();
        final List<Ack> acks = new ArrayList<>();
        long startedNanos;
        boolean empty = true;

        void touch(InboundMessage m) {
            if (empty) {
                startedNanos = m.receivedNanos();
                empty = false;
            }
            if (m.qos() > 0) {
                acks.add(new Ack(m.messageId(), m.qos(), m.connectionEpoch(), m.stored()));
            }
        }

        void event(DeviceEvent e) {
            if (empty) {
                startedNanos = System.nanoTime();
                empty = false;
            }
            events.add(e);
        }

        boolean isEmpty() {
            return empty;
        }
    }
}
