package org.carewatch.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;

/**
 * The daily patrol's schedule and sampled frames.
 *
 * @param framesDir                 where sampled frames are written (relative to dataDir unless absolute)
 * @param frameRetentionDays        frames older than this are deleted (except those an open suspected-abuse alert keeps)
 * @param drawAt                    local time (district's zone) at which the next day's plan is drawn if nobody drew it
 * @param sampleHeldConcurrency     held cameras decoded at once for sampling (bounds its CPU)
 * @param sampleOnDemandConcurrency cameras connected at once for on-demand sampling
 * @param sampleTimeout             bound on one on-demand camera (connect to first keyframe)
 * @param purgeEvery                how often the retention runs
 * @param scheduleEnabled           draw and sample automatically on this node
 */
public record PatrolConfig(String framesDir, int frameRetentionDays, LocalTime drawAt, int sampleHeldConcurrency,
                           int sampleOnDemandConcurrency, Duration sampleTimeout, Duration purgeEvery, boolean scheduleEnabled) {
    public PatrolConfig {
        Checks.notBlank("patrol.framesDir", framesDir);
        Checks.range("patrol.frameRetentionDays", frameRetentionDays, 1, 3650);
        if (drawAt == null) {
            throw new ConfigException("patrol.drawAt", "must be a local time such as 18:00");
        }
        Checks.range("patrol.sampleHeldConcurrency", sampleHeldConcurrency, 1, 64);
        Checks.range("patrol.sampleOnDemandConcurrency", sampleOnDemandConcurrency, 1, 1024);
        Checks.positive("patrol.sampleTimeout", sampleTimeout);
        Checks.positive("patrol.purgeEvery", purgeEvery);
    }

    public PatrolConfig withScheduleEnabled(boolean enabled) {
        return new PatrolConfig(framesDir, frameRetentionDays, drawAt, sampleHeldConcurrency, sampleOnDemandConcurrency, sampleTimeout,
                purgeEvery, enabled);
    }

    public Path framesPath() {
        return Path.of(framesDir);
    }

    public Duration frameRetention() {
        return Duration.ofDays(frameRetentionDays);
    }
}
