package org.carewatch.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.carewatch.app.CareWatchApp;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.config.ConfigException;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.demo.DemoAccount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole system on embedded defaults (PostgreSQL, MQTT broker) with a seeded demo district.",
                "Data is kept in --data, so a restart loses nothing."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--port", description = "HTTP port (default 8080; if 8080 is taken a free port is used and printed)")
    Integer port;

    @Option(names = "--mqtt-port", description = "embedded MQTT broker port (default 1883; if taken a free port is used and printed)")
    Integer mqttPort;

    @Option(names = "--data", description = "data folder (default ./carewatch-data)")
    Path data;

    @Option(names = "--host", description = "address the console and API listen on (default 127.0.0.1: this machine only;"
            + " 0.0.0.0 for every interface). The embedded broker and camera simulator always stay on 127.0.0.1.")
    String host;

    /** The demo has well-known accounts printed on the console: it listens on loopback unless told otherwise. */
    static final String DEFAULT_HOST = "127.0.0.1";

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        CareWatchConfig cfg;
        try {
            cfg = ConfigLoader.load(null, System.getenv());
        } catch (ConfigException e) {
            System.err.println("carewatch: " + e.getMessage());
            return 2;
        }
        if (data != null) {
            cfg = cfg.withDataDir(data);
        }
        cfg = cfg.withDataDir(cfg.dataDir().toAbsolutePath().normalize());
        // The demo's cameras are its own simulator on 127.0.0.1: the demo allows loopback for cameras (production refuses it).
        cfg = cfg.withOutbound(cfg.outbound().withCameras(cfg.outbound().cameras().withAllowLoopback(true)));
        cfg = cfg.withHttp(cfg.http().withHost(host != null && !host.isBlank() ? host.strip() : DEFAULT_HOST));
        // An explicitly requested port must be honoured or fail; the defaults step aside when taken.
        cfg = cfg.withHttp(port != null ? cfg.http().withPort(port).withFallbackToFreePort(false) : cfg.http().withFallbackToFreePort(true));
        cfg = cfg.withMqtt(mqttPort != null ? cfg.mqtt().withEmbeddedPort(mqttPort, false) : cfg.mqtt().withEmbeddedPort(cfg.mqtt().embeddedPort(), true));
        out.println("CareWatch demo: starting (data in " + cfg.dataDir() + ") ...");
        CareWatchApp app;
        try {
            app = CareWatchApp.start(cfg, true);
        } catch (Exception e) {
            System.err.println("carewatch demo: cannot start: " + e.getMessage());
            return 1;
        }
        out.println();
        out.println("CareWatch demo is running / 演示系统已启动");
        String shown = cfg.http().host().equals("0.0.0.0") || cfg.http().host().equals("::") ? "localhost" : cfg.http().host();
        out.println("  console and API: http://" + (shown.contains(":") ? "[" + shown + "]" : shown) + ":" + app.httpPort()
                + "/   (API description: /api/v1/openapi.yaml)");
        if (!cfg.http().host().equals(DEFAULT_HOST)) {
            out.println("  listening on " + cfg.http().host() + ": other machines can reach it; the demo accounts below are not secret");
        }
        out.println("  MQTT broker:     " + app.mqttUrl());
        out.println("  data folder:     " + app.dataDir());
        out.println("  demo accounts (also in " + app.dataDir().resolve("demo-accounts.txt") + "):");
        for (DemoAccount a : app.demoAccounts()) {
            out.printf("    %-9s %-18s %s%n", a.role(), a.username(), a.password());
        }
        out.println("Press Ctrl+C to stop.");
        return Running.untilSignalled(app);
    }
}
