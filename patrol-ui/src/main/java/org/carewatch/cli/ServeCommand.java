package org.carewatch.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.carewatch.app.CareWatchApp;
import org.carewatch.core.config.CareWatchConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs CareWatch from a configuration file (production: external PostgreSQL/TimescaleDB and broker).",
                "CAREWATCH_* environment variables override the file; see core/src/main/resources/org/carewatch/core/config/defaults.yaml."})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "YAML configuration file")
    Path config;

    @Override
    public Integer call() {
        CareWatchConfig cfg = CommandConfig.loadOrReport(config);
        if (cfg == null) {
            return CommandConfig.INVALID;
        }
        CareWatchApp app;
        try {
            app = CareWatchApp.start(cfg, false);
        } catch (Exception e) {
            System.err.println("carewatch serve: cannot start: " + e.getMessage());
            return 1;
        }
        System.out.println("CareWatch is serving on port " + app.httpPort() + " (node " + cfg.nodeName() + ")");
        return Running.untilSignalled(app);
    }
}
