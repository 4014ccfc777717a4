package org.carewatch.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which installation an operator's command works on: {@code --config FILE} (production) or {@code --data DIR} (a stopped demo). */
final class StoreSource {
    @Option(names = "--config", description = "configuration file of the installation (as for serve)")
    Path config;

    @Option(names = "--data", description = "data folder of a (stopped) demo")
    Path data;
}
