package org.carewatch.ingest.snapshot;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

/**
 * FFmpeg logs every damaged slice to stderr. Snapshot failures are reported through exceptions that
 * carry FFmpeg's error text, so its own logging is reduced to fatal errors (a process-wide setting).
 */
final class FfmpegLogLevel {

    private static volatile boolean done;

    private FfmpegLogLevel() {
    }

    static void quiet() {
        if (!done) {
            av_log_set_level(AV_LOG_FATAL);
            done = true;
        }
    }
}
