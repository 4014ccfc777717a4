package org.carewatch.core.readings;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes batches durable: committed by the {@link ReadingWriter} while the database answers, appended to
 * the {@link ReadingSpool} while it does not, and replayed from the spool once it is back. When both the
 * database and the spool's space are gone, {@link #accept} waits: the caller then holds its MQTT
 * acknowledgements and the broker keeps the messages. Listeners hear of each batch once, when it is first
 * accepted. Used by a single writer thread.
 */
public final class DurableReadingStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DurableReadingStore.class);
    private static final int TRANSIENT_RETRIES = 3;
    /** Spooled batches merged into one replay transaction: at most this many files and about this many readings. */
    static final int REPLAY_BATCHES = 500;
    static final int REPLAY_ROWS = 20_000;

    public enum Outcome { STORED, SPOOLED }

    private final DataSource ds;
    private final ReadingWriter writer;
    private final ReadingSpool spool;
    private final long probeMillis;
    private final List<ReadingListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean storeUp = new AtomicBoolean(true);
    private final AtomicBoolean probing = new AtomicBoolean();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong spooled = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private volatile boolean closed;

    public DurableReadingStore(DataSource ds, ReadingWriter writer, ReadingSpool spool, long probeMillis) {
        this.ds = ds;
        this.writer = writer;
        this.spool = spool;
        this.probeMillis = probeMillis;
    }

    /** Listeners hear each batch in the order they were added. */
    public void addListener(ReadingListener l) {
        listeners.add(l);
    }

    /** Blocks until the batch is committed or spooled; interrupted only by shutdown. */
    public Outcome accept(ReadingBatch batch) throws InterruptedException {
        boolean warned = false;
        while (true) {
            if (storeUp.get() && tryWrite(batch)) {
                stored.addAndGet(batch.readings().size());
                notifyListeners(batch);
                return Outcome.STORED;
            }
            try {
                if (spool.append(batch)) {
                    spooled.addAndGet(batch.readings().size());
                    notifyListeners(batch);
                    return Outcome.SPOOLED;
                }
            } catch (IOException e) {
                log.error("cannot write to the reading spool: {}", e.getMessage());
            }
            if (!warned) {
                log.warn("database unreachable and reading spool full ({} bytes): holding MQTT acknowledgements", spool.bytes());
                warned = true;
            }
            if (closed) {
                throw new InterruptedException("shutting down with the store and spool unavailable");
            }
            TimeUnit.MILLISECONDS.sleep(Math.min(probeMillis, 200));
        }
    }

    /**
     * Writes the oldest spooled batches (merged into one transaction of at most about
     * {@link #REPLAY_ROWS} readings) if the database is up; false when there was nothing to do or it failed.
     */
    public boolean replayOne() {
        if (!storeUp.get() || spool.isEmpty()) {
            return false;
        }
        try {
            List<ReadingSpool.Spooled> chunk = new java.util.ArrayList<>();
            java.util.List<Reading> readings = new java.util.ArrayList<>();
            java.util.List<DeviceEvent> events = new java.util.ArrayList<>();
            java.util.List<RejectedMessage> rejected = new java.util.ArrayList<>();
            for (ReadingSpool.Spooled s : spool.oldest(REPLAY_BATCHES)) {
                if (!chunk.isEmpty() && readings.size() + s.batch().readings().size() > REPLAY_ROWS) {
                    break;
                }
                chunk.add(s);
                readings.addAll(s.batch().readings());
                events.addAll(s.batch().events());
                rejected.addAll(s.batch().rejected());
            }
            if (chunk.isEmpty() || !tryWrite(new ReadingBatch(readings, events, rejected))) {
                return false;
            }
            for (ReadingSpool.Spooled s : chunk) {
                spool.remove(s);
            }
            replayed.addAndGet(readings.size());
            if (spool.isEmpty()) {
                log.info("reading spool replayed completely");
            }
            return true;
        } catch (IOException e) {
            log.error("reading spool: {}", e.getMessage());
            return false;
        }
    }

    private boolean tryWrite(ReadingBatch batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                writer.write(batch);
                return true;
            } catch (SQLException e) {
                String state = e.getSQLState() == null ? "" : e.getSQLState();
                // Deadlock or serialization failure with another node: retry at once.
                if ((state.equals("40P01") || state.equals("40001")) && attempt < TRANSIENT_RETRIES) {
                    continue;
                }
                markDown(e);
                return false;
            } catch (RuntimeException e) {
                markDown(e);
                return false;
            }
        }
    }

    private void markDown(Exception e) {
        if (storeUp.compareAndSet(true, false)) {
            log.warn("database write failed, spooling readings to disk until it answers again: {}", e.getMessage());
        }
        if (probing.compareAndSet(false, true)) {
            Thread.ofVirtual().name("reading-store-probe").start(this::probeUntilUp);
        }
    }

    private void probeUntilUp() {
        try {
            while (!closed) {
                TimeUnit.MILLISECONDS.sleep(probeMillis);
                try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                    st.setQueryTimeout(5);
                    st.execute("SELECT 1");
                    storeUp.set(true);
                    log.info("database answers again; replaying {} spooled batch(es)", spool.batches());
                    return;
                } catch (SQLException | RuntimeException e) {
                    log.debug("database still unreachable: {}", e.getMessage());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            probing.set(false);
        }
    }

    private void notifyListeners(ReadingBatch batch) {
        for (ReadingListener l : listeners) {
            try {
                if (!batch.readings().isEmpty()) {
                    l.readingsAccepted(batch.readings());
                }
                for (DeviceEvent e : batch.events()) {
                    l.deviceEvent(e);
                }
            } catch (RuntimeException e) {
                log.warn("reading listener {} failed: {}", l.getClass().getName(), e.toString());
            }
        }
    }

    public boolean storeUp() {
        return storeUp.get();
    }

    public ReadingSpool spool() {
        return spool;
    }

    public long storedReadings() {
        return stored.get();
    }

    public long spooledReadings() {
        return spooled.get();
    }

    public long replayedReadings() {
        return replayed.get();
    }

    @Override
    public void close() {
        closed = true;
    }
}
