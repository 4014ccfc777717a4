package org.carewatch.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.carewatch.app.CareWatchApp;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.config.ConfigException;
import org.carewatch.core.config.ConfigLoader;
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
        CareWatchConfig cfg;
        try {
            cfg = ConfigLoader.load(config, System.getenv());
        } catch (ConfigException e) {
            System.err.println("carewatch: " + e.getMessage());
            return 2;
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
