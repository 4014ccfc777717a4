package org.carewatch.ingest.health;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes stream-health changes off the event loops, appends them to {@code stream_events} in batches and
 * passes them on (in order) to downstream listeners such as the alert rules. One event per state change,
 * so the volume is small; a store outage is bridged by the bounded queue and retries.
 */
public final class StreamEventWriter implements StreamHealthListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamEventWriter.class);
    static final int CAPACITY = 100_000;

    private final DataSource ds;
    private final BlockingQueue<StreamHealthEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Map<Long, Long> centreOfCamera = new ConcurrentHashMap<>();
    private final List<StreamHealthListener> downstream = new CopyOnWriteArrayList<>();
    private final AtomicLong overflowed = new AtomicLong();
    private final Thread worker;
    private volatile boolean running = true;

    public StreamEventWriter(DataSource ds) {
        this.ds = ds;
        this.worker = Thread.ofVirtual().name("stream-events").start(this::loop);
    }

    /** Cameras must be registered with their centre before their events can be stored. */
    public void register(long cameraId, long centreId) {
        centreOfCamera.put(cameraId, centreId);
    }

    public void addListener(StreamHealthListener l) {
        downstream.add(l);
    }

    public long overflowed() {
        return overflowed.get();
    }

    /** Called on an event loop: only enqueue. */
    @Override
    public void onStreamEvent(StreamHealthEvent e) {
        if (!queue.offer(e)) {
            overflowed.incrementAndGet();
            log.error("stream event queue full; event for camera {} ({}) not recorded", e.cameraId(), e.current());
        }
    }

    private void loop() {
        List<StreamHealthEvent> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                StreamHealthEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 999);
                writeWithRetry(batch);
                for (StreamHealthEvent e : batch) {
                    for (StreamHealthListener l : downstream) {
                        try {
                            l.onStreamEvent(e);
                        } catch (RuntimeException ex) {
                            log.warn("stream event listener failed: {}", ex.toString());
                        }
                    }
                }
                batch.clear();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void writeWithRetry(List<StreamHealthEvent> batch) throws InterruptedException {
        long delay = 200;
        while (true) {
            try {
                write(batch);
                return;
            } catch (SQLException e) {
                if (!running) {
                    log.error("dropping {} stream events at shutdown: store unavailable: {}", batch.size(), e.getMessage());
                    return;
                }
                log.warn("stream events not stored yet (will retry): {}", e.getMessage());
                TimeUnit.MILLISECONDS.sleep(delay);
                delay = Math.min(delay * 2, 10_000);
            }
        }
    }

    private void write(List<StreamHealthEvent> batch) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO stream_events (time, camera_id, centre_id, state, detail) VALUES (?,?,?,?,?)")) {
            for (StreamHealthEvent e : batch) {
                Long centre = centreOfCamera.get(e.cameraId());
                if (centre == null) {
                    continue;
                }
                ps.setTimestamp(1, Timestamp.from(e.at()));
                ps.setLong(2, e.cameraId());
                ps.setLong(3, centre);
                ps.setString(4, e.current().name().toLowerCase(java.util.Locale.ROOT));
                ps.setString(5, e.detail() == null ? "" : e.detail());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Stores what was accepted, then stops. */
    @Override
    public void close() {
        running = false;
        try {
            worker.join(java.time.Duration.ofSeconds(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
