package org.carewatch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code carewatch bench alerts}: life-safety alert latency through the whole node (MQTT broker, telemetry
 * pipeline, alert engine, alert store, SSE push), under background readings. See {@link AlertPathBench}.
 * The last line is one JSON object.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = {"Life-safety alert latency through the real node: MQTT publish of smoke=true -> telemetry pipeline ->",
                "alert row committed -> alert.raised at a console connected to the SSE stream, under background load."})
public final class BenchAlertsCommand implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "30", description = "measuring time (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--rate", defaultValue = "10000", description = "background readings per second, 4 per message (default ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--smoke-interval-ms", defaultValue = "200", description = "smoke=true on a fresh detector every N ms (default ${DEFAULT-VALUE})")
    int smokeEveryMs;

    @Option(names = "--devices", defaultValue = "1000", description = "background temperature/humidity sensors (default ${DEFAULT-VALUE})")
    int devices;

    @Option(names = "--connections", defaultValue = "4", description = "background publisher connections (default ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--broker", description = "MQTT broker URL (default: the node's embedded broker)")
    String broker;

    @Option(names = "--pg-url", description = "JDBC URL of a PostgreSQL server where a scratch database is created and dropped, "
            + "e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres (default: the node's embedded PostgreSQL)")
    String pgUrl;

    /** Null when the options are usable, else what is wrong. */
    String problem() {
        if (seconds < 1 || rate < 0 || smokeEveryMs < 10 || devices < 1 || connections < 1) {
            return "--seconds, --devices and --connections must be at least 1, --rate at least 0, --smoke-interval-ms at least 10";
        }
        if (pgUrl != null && !pgUrl.startsWith("jdbc:postgresql://")) {
            return "--pg-url must be a jdbc:postgresql:// URL";
        }
        if (broker != null && !(broker.startsWith("tcp://") || broker.startsWith("ssl://"))) {
            return "--broker must be a tcp:// or ssl:// URL";
        }
        return null;
    }

    @Override
    public Integer call() throws Exception {
        String p = problem();
        if (p != null) {
            System.err.println("carewatch bench alerts: " + p);
            return 2;
        }
        Path dir = Files.createTempDirectory("carewatch-bench-alerts");
        CareWatchConfig cfg = ConfigLoader.load(null, Map.of()).withDataDir(dir.toAbsolutePath());
        cfg = cfg.withHttp(cfg.http().withPort(0)).withMqtt(broker != null ? cfg.mqtt().external(broker).withAllowAnonymousBroker(true) : cfg.mqtt().withEmbeddedPort(0, true));
        String scratch = null;
        if (pgUrl != null) {
            scratch = "cw_alertbench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            try (Connection c = DriverManager.getConnection(pgUrl); var st = c.createStatement()) {
                st.execute("CREATE DATABASE " + scratch);
            }
            int q = pgUrl.indexOf('?');
            String base = q < 0 ? pgUrl : pgUrl.substring(0, q);
            String url = base.substring(0, base.lastIndexOf('/') + 1) + scratch + (q < 0 ? "" : pgUrl.substring(q));
            cfg = cfg.withStore(cfg.store().external(url, null, null));
        }
        try {
            var r = new AlertPathBench(cfg, seconds, rate, smokeEveryMs, devices, connections, System.out).run();
            System.out.println(r.json());
            return r.missed() == 0 ? 0 : 1;
        } finally {
            if (scratch != null) {
                try (Connection c = DriverManager.getConnection(pgUrl); var st = c.createStatement()) {
                    st.execute("DROP DATABASE IF EXISTS " + scratch + " WITH (FORCE)");
                }
            }
        }
    }
}
