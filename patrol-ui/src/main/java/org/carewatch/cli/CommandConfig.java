package org.carewatch.cli;

import java.nio.file.Path;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.config.ConfigException;
import org.carewatch.core.config.ConfigLoader;

/** The configuration a command reads from {@code --config FILE} (null: defaults), with CAREWATCH_* overrides. */
final class CommandConfig {
    /** Exit code of a command whose configuration is invalid. */
    static final int INVALID = 2;

    private CommandConfig() {
    }

    /** @return the configuration, or null after printing why the file is invalid (exit with {@link #INVALID}) */
    static CareWatchConfig loadOrReport(Path file) {
        try {
            return ConfigLoader.load(file, System.getenv());
        } catch (ConfigException e) {
            System.err.println("carewatch: " + e.getMessage());
            return null;
        }
    }
}
