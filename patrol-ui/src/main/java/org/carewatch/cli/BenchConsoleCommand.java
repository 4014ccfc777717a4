package org.carewatch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code carewatch bench console}: the officer's visit page on a whole node with embedded defaults (server time
 * p50/p95/p99 and the bytes of its first view). See {@link ConsoleBench}. The last line is one JSON object.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"The officer's visit page (/patrol/visits/{id}) on a node with embedded defaults: a centre of N simulated RTSP",
                "cameras sampled by the real patrol sampling; time to the page's last byte (p50/p95/p99) and the bytes of its",
                "first view with an empty cache (page, CSS, JS, thumbnails; gzip). Targets: p95 < 100 ms, < 300 KB."})
public final class BenchConsoleCommand implements Callable<Integer> {
    @Option(names = "--cameras", defaultValue = "8", description = "cameras of the centre (default ${DEFAULT-VALUE})")
    int cameras;

    @Option(names = "--requests", defaultValue = "500", description = "measured page requests (default ${DEFAULT-VALUE})")
    int requests;

    @Option(names = "--warmup", defaultValue = "100", description = "page requests before measuring (default ${DEFAULT-VALUE})")
    int warmup;

    @Override
    public Integer call() throws Exception {
        if (cameras < 1 || cameras > 64 || requests < 10 || warmup < 0) {
            System.err.println("carewatch bench console: --cameras must be 1-64, --requests at least 10, --warmup at least 0");
            return 2;
        }
        Path dir = Files.createTempDirectory("carewatch-bench-console");
        CareWatchConfig cfg = ConfigLoader.load(null, Map.of()).withDataDir(dir.toAbsolutePath());
        cfg = cfg.withHttp(cfg.http().withPort(0)).withMqtt(cfg.mqtt().withEmbeddedPort(0, true));
        // The simulated cameras listen on loopback, which the outbound policy refuses outside demos, tests and benchmarks.
        cfg = cfg.withOutbound(cfg.outbound().withCameras(cfg.outbound().cameras().withAllowLoopback(true)));
        var r = new ConsoleBench(cfg, cameras, requests, warmup, System.out).run();
        System.out.println(r.json());
        return r.pass() ? 0 : 1;
    }
}
