package org.carewatch.cli;

import java.util.concurrent.Callable;
import org.carewatch.tools.bench.mqtt.MqttBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code carewatch bench mqtt}: MQTT ingest throughput, latency and the one-INSERT-per-message baseline. */
@Command(name = "mqtt", mixinStandardHelpOptions = true,
        description = {"End-to-end MQTT ingest benchmark (publish -> decode -> rules hook -> committed row) against a",
                "baseline that commits one INSERT per message, in the same run. The last line is one JSON object."})
public final class BenchMqttCommand implements Callable<Integer> {
    @Option(names = "--broker", description = "MQTT broker URL (default: an embedded broker)")
    String broker;

    @Option(names = "--pg-url", description = "JDBC URL of a PostgreSQL server where a scratch database is created and dropped, "
            + "e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres (default: an embedded PostgreSQL)")
    String pgUrl;

    @Option(names = "--devices", defaultValue = "1000", description = "simulated devices (default ${DEFAULT-VALUE})")
    int devices;

    @Option(names = "--messages", defaultValue = "400000", description = "messages of 4 readings in the throughput phase (default ${DEFAULT-VALUE})")
    long messages;

    @Option(names = "--warmup-messages", defaultValue = "100000",
            description = "messages sent through the pipeline untimed before the throughput phase, so the figure is the "
                    + "sustained rate (default ${DEFAULT-VALUE}; the baseline warms up with a fifth of its own messages)")
    long warmupMessages;

    @Option(names = "--connections", defaultValue = "4", description = "publisher connections (default ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--baseline-messages", defaultValue = "10000", description = "messages for the baseline (default ${DEFAULT-VALUE})")
    long baselineMessages;

    @Option(names = "--latency-seconds", defaultValue = "20", description = "length of the latency phase (default ${DEFAULT-VALUE})")
    int latencySeconds;

    @Option(names = "--batch-rows", defaultValue = "5000", description = "rows per database batch (default ${DEFAULT-VALUE})")
    int batchRows;

    @Option(names = "--flush-ms", defaultValue = "100", description = "batch age that forces a write (default ${DEFAULT-VALUE})")
    int flushMillis;

    @Override
    public Integer call() throws Exception {
        if (devices < 1 || messages < 1 || connections < 1 || baselineMessages < 1 || warmupMessages < 0 || latencySeconds < 1 || batchRows < 1 || flushMillis < 1) {
            System.err.println("carewatch bench mqtt: every count and duration must be at least 1 (--warmup-messages at least 0)");
            return 2;
        }
        var result = new MqttBenchmark(new MqttBenchmark.Options(broker, pgUrl, devices, messages, warmupMessages, connections, baselineMessages,
                latencySeconds, batchRows, flushMillis), System.out).run();
        System.out.println(result.json());
        return 0;
    }
}
