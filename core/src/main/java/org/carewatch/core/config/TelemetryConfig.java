package org.carewatch.core.config;

import java.nio.file.Path;
import java.time.Duration;

/** MQTT telemetry ingest: batching, back-pressure window, disk spool and bad-input bookkeeping. */
public record TelemetryConfig(
        boolean enabled,
        int receiveMaximum,
        int batchRows,
        int flushMillis,
        int maxMessageBytes,
        String spoolDir,
        long spoolMaxBytes,
        int rejectedKeep,
        Duration silenceCheck,
        Duration registryRefresh,
        Duration demoReportEvery,
        boolean lifeSafetySession,
        Duration maxClockSkew) {

    public TelemetryConfig {
        Checks.range("telemetry.receiveMaximum", receiveMaximum, 1, 65535);
        Checks.range("telemetry.batchRows", batchRows, 1, 100_000);
        Checks.range("telemetry.flushMillis", flushMillis, 1, 60_000);
        Checks.range("telemetry.maxMessageBytes", maxMessageBytes, 64, 16 * 1024 * 1024);
        Checks.notBlank("telemetry.spoolDir", spoolDir);
        Checks.range("telemetry.spoolMaxBytes", spoolMaxBytes, 1024 * 1024, Long.MAX_VALUE);
        Checks.range("telemetry.rejectedKeep", rejectedKeep, 0, 10_000_000);
        Checks.positive("telemetry.silenceCheck", silenceCheck);
        Checks.positive("telemetry.registryRefresh", registryRefresh);
        Checks.positive("telemetry.demoReportEvery", demoReportEvery);
        Checks.positive("telemetry.maxClockSkew", maxClockSkew);
    }

    public Path spoolPath() {
        return Path.of(spoolDir);
    }

    public TelemetryConfig withBatching(int rows, int millis) {
        return new TelemetryConfig(enabled, receiveMaximum, rows, millis, maxMessageBytes, spoolDir, spoolMaxBytes, rejectedKeep,
                silenceCheck, registryRefresh, demoReportEvery, lifeSafetySession, maxClockSkew);
    }

    public TelemetryConfig withReceiveMaximum(int n) {
        return new TelemetryConfig(enabled, n, batchRows, flushMillis, maxMessageBytes, spoolDir, spoolMaxBytes, rejectedKeep,
                silenceCheck, registryRefresh, demoReportEvery, lifeSafetySession, maxClockSkew);
    }

    public TelemetryConfig withSilenceCheck(Duration every) {
        return new TelemetryConfig(enabled, receiveMaximum, batchRows, flushMillis, maxMessageBytes, spoolDir, spoolMaxBytes,
                rejectedKeep, every, registryRefresh, demoReportEvery, lifeSafetySession, maxClockSkew);
    }

    public TelemetryConfig withLifeSafetySession(boolean on) {
        return new TelemetryConfig(enabled, receiveMaximum, batchRows, flushMillis, maxMessageBytes, spoolDir, spoolMaxBytes,
                rejectedKeep, silenceCheck, registryRefresh, demoReportEvery, on, maxClockSkew);
    }

    public TelemetryConfig withSpool(String dir, long maxBytes) {
        return new TelemetryConfig(enabled, receiveMaximum, batchRows, flushMillis, maxMessageBytes, dir, maxBytes, rejectedKeep,
                silenceCheck, registryRefresh, demoReportEvery, lifeSafetySession, maxClockSkew);
    }

    public TelemetryConfig withMaxClockSkew(Duration skew) {
        return new TelemetryConfig(enabled, receiveMaximum, batchRows, flushMillis, maxMessageBytes, spoolDir, spoolMaxBytes, rejectedKeep,
                silenceCheck, registryRefresh, demoReportEvery, lifeSafetySession, skew);
    }
}
