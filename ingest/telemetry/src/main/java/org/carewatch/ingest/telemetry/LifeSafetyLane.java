package org.carewatch.ingest.telemetry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.carewatch.core.readings.DurableReadingStore;
import org.carewatch.core.readings.Reading;
import org.carewatch.core.readings.ReadingBatch;
import org.carewatch.core.readings.RejectedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast lane for life-safety devices (smoke, gas, emergency buttons): their messages skip the routine
 * queue and its 5,000-row batches and are decoded, committed (or spooled) and handed to the rules hook in
 * a small transaction of their own, on their own thread and database connection. A smoke alarm therefore
 * waits for neither a backlog of temperature readings nor a routine batch being committed.
 *
 * <p>Messages come two ways. Normally from the pipeline's second MQTT session, which subscribes to the
 * life-safety sensors' topics only, so the broker queues them apart from the routine backlog too
 * ({@link #put}); the lane acknowledges those itself once stored, in their order. While that session is
 * not connected and subscribed, the routine session's copies are {@link #offer offered} instead; those
 * also travel the routine path as a placeholder, which acknowledges them in arrival order (MQTT asks for
 * PUBACKs in the order of the PUBLISHes) once {@link InboundMessage#stored()} is complete. Availability and
 * report-silence tracking stay on the routine path.
 */
final class LifeSafetyLane implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LifeSafetyLane.class);
    /** Waiting life-safety messages; when full (a flood), further ones take the routine path. */
    static final int CAPACITY = 1024;

    /** @param ackHere received on the life-safety session: acknowledged by this lane */
    private record Item(InboundMessage message, boolean ackHere) {
    }

    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final DurableReadingStore store;
    private final MessageProcessor processor;
    private final Supplier<TopicRouter> router;
    private final Consumer<MessageProcessor.Rejected> onRejected;
    private final IntConsumer onStored;
    private final Consumer<InboundMessage> ack;
    private volatile boolean running;
    private Thread thread;

    LifeSafetyLane(DurableReadingStore store, MessageProcessor processor, Supplier<TopicRouter> router,
                   Consumer<MessageProcessor.Rejected> onRejected, IntConsumer onStored, Consumer<InboundMessage> ack) {
        this.ack = ack;
        this.store = store;
        this.processor = processor;
        this.router = router;
        this.onRejected = onRejected;
        this.onStored = onStored;
    }

    DurableReadingStore store() {
        return store;
    }

    void start() {
        running = true;
        thread = Thread.ofPlatform().name("telemetry-life-safety").start(this::loop);
    }

    /** A routine-session copy, from Paho's callback thread; false when the lane is full (it stays routine then). */
    boolean offer(InboundMessage m) {
        return queue.offer(new Item(m, false));
    }

    /**
     * A message of the life-safety session, from its Paho callback thread. Waits when the lane is full: that
     * holds back only the life-safety session (TCP back-pressure to the broker), never the routine one.
     */
    void put(InboundMessage m) throws InterruptedException {
        queue.put(new Item(m, true));
    }

    private void loop() {
        List<Item> drained = new ArrayList<>();
        try {
            while (running || !queue.isEmpty()) {
                Item first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    store.replayOne();
                    continue;
                }
                drained.add(first);
                queue.drainTo(drained);
                write(drained);
                drained.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("life-safety lane interrupted; its un-acknowledged messages will be redelivered by the broker");
        } catch (RuntimeException e) {
            log.error("life-safety lane failed", e);
        } finally {
            // Whatever is left goes unacknowledged (the broker redelivers it); never leave the routine path waiting.
            drained.forEach(LifeSafetyLane::abandon);
            queue.forEach(LifeSafetyLane::abandon);
        }
    }

    private static void abandon(Item i) {
        if (i.message().stored() != null) {
            i.message().stored().completeExceptionally(new IllegalStateException("life-safety lane stopped"));
        }
    }

    private void write(List<Item> items) throws InterruptedException {
        List<Reading> readings = new ArrayList<>();
        List<RejectedMessage> rejected = new ArrayList<>();
        TopicRouter r = router.get();
        for (Item i : items) {
            switch (processor.process(i.message(), r)) {
                case MessageProcessor.Readings ok -> readings.addAll(ok.readings());
                case MessageProcessor.Rejected bad -> {
                    onRejected.accept(bad);
                    rejected.add(bad.message());
                }
                case MessageProcessor.Availability ignored -> {
                    // never routed here: availability topics are not life-safety topics
                }
            }
        }
        store.accept(new ReadingBatch(readings, List.of(), rejected));
        onStored.accept(readings.size());
        for (Item i : items) {
            if (i.ackHere()) {
                ack.accept(i.message());
            }
            if (i.message().stored() != null) {
                i.message().stored().complete(null);
            }
        }
    }

    /** Stores what was handed over, then stops. */
    @Override
    public void close() {
        running = false;
        TelemetryPipeline.join(thread, Duration.ofSeconds(60));
        store.close();
    }
}
