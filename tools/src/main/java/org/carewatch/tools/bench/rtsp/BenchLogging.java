package org.carewatch.tools.bench.rtsp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Without a configuration Logback logs everything at DEBUG (Netty included), which would cost CPU inside the
 * measured windows. Unless {@code logback.configurationFile} is already set, the benchmark points Logback at
 * a WARN-level console configuration; children inherit the property.
 */
final class BenchLogging {

    private static final String CONFIG = """
            <configuration>
              <appender name="ERR" class="ch.qos.logback.core.ConsoleAppender">
                <target>System.err</target>
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>
              </appender>
              <root level="WARN"><appender-ref ref="ERR"/></root>
            </configuration>
            """;

    private BenchLogging() {
    }

    /** Call first in a main, before any logger exists. */
    static void quiet() {
        if (System.getProperty("logback.configurationFile") != null) {
            return;
        }
        try {
            Path file = Files.createTempFile("carewatch-bench-logback", ".xml");
            Files.writeString(file, CONFIG);
            file.toFile().deleteOnExit();
            System.setProperty("logback.configurationFile", file.toString());
        } catch (IOException e) {
            // Keep Logback's default.
        }
    }
}
