package org.carewatch.tools.bench.alerts;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Stands in for the telemetry pipeline's store writes during a benchmark: readings are queued and COPYed
 * into {@code readings} every 100 ms, so the life-safety path competes with the database load it will
 * really meet.
 */
public final class ReadingsLoad implements AutoCloseable {
    private record Row(Instant time, long centreId, long sensorId, String metric, double value) {
    }

    private final DataSource ds;
    private final ConcurrentLinkedQueue<Row> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong written = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    public ReadingsLoad(DataSource ds) {
        this.ds = ds;
        this.thread = Thread.ofVirtual().name("bench-readings-copy").start(this::loop);
    }

    public void add(Instant time, long centreId, long sensorId, String metric, double value) {
        queue.add(new Row(time, centreId, sensorId, metric, value));
    }

    public long written() {
        return written.get();
    }

    private void loop() {
        while (running || !queue.isEmpty()) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            List<Row> batch = new ArrayList<>();
            Row r;
            while ((r = queue.poll()) != null) {
                batch.add(r);
            }
            if (batch.isEmpty()) {
                continue;
            }
            StringBuilder sb = new StringBuilder(batch.size() * 64);
            for (Row x : batch) {
                sb.append(x.time()).append('\t').append(x.centreId()).append('\t').append(x.sensorId()).append('\t')
                        .append(x.metric()).append('\t').append(x.value()).append('\n');
            }
            try (Connection c = ds.getConnection()) {
                long n = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY readings (time, centre_id, sensor_id, metric, value) FROM STDIN", new StringReader(sb.toString()));
                written.addAndGet(n);
            } catch (SQLException | IOException e) {
                System.err.println("readings COPY failed: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
