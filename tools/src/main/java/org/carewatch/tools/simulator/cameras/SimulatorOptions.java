package org.carewatch.tools.simulator.cameras;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.carewatch.tools.clip.ClipSpec;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.rtsp.Credentials;

/**
 * How to run the camera simulator.
 *
 * @param cameras        served as {@code /cam/1 … /cam/N}
 * @param port           RTSP port (0 = any free port, see {@link CameraSimulator#port()})
 * @param bindHost       address to listen on
 * @param clip           the clip every camera loops (cameras start at different frames)
 * @param clipCacheDir   where generated clips are cached
 * @param credentials    when present every camera requires them (Digest MD5), like {@code --auth USER:PASS}
 * @param sessionTimeout advertised in {@code Session: id;timeout=N} and enforced: a session without any
 *                       request for this long is closed
 */
public record SimulatorOptions(int cameras, int port, String bindHost, ClipSpec clip, Path clipCacheDir,
                               Optional<Credentials> credentials, Duration sessionTimeout) {

    public SimulatorOptions {
        if (cameras < 1 || cameras > 100_000) {
            throw new IllegalArgumentException("cameras must be 1..100000");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range");
        }
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(clip, "clip");
        Objects.requireNonNull(clipCacheDir, "clipCacheDir");
        credentials = credentials == null ? Optional.empty() : credentials;
        if (sessionTimeout == null || sessionTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("sessionTimeout must be at least 1 s");
        }
    }

    /** {@code cameras} H.264 cameras on a free port of 127.0.0.1, the default clip cached in the temp dir. */
    public static SimulatorOptions defaults(int cameras) {
        return new SimulatorOptions(cameras, 0, "127.0.0.1", ClipSpec.defaults(Codec.H264),
                Path.of(System.getProperty("java.io.tmpdir"), "carewatch-clips"), Optional.empty(),
                Duration.ofSeconds(60));
    }

    public SimulatorOptions withPort(int p) {
        return new SimulatorOptions(cameras, p, bindHost, clip, clipCacheDir, credentials, sessionTimeout);
    }

    public SimulatorOptions withCodec(Codec codec) {
        return withClip(new ClipSpec(codec, clip.width(), clip.height(), clip.fps(), clip.gop(), clip.durationSeconds()));
    }

    public SimulatorOptions withClip(ClipSpec c) {
        return new SimulatorOptions(cameras, port, bindHost, c, clipCacheDir, credentials, sessionTimeout);
    }

    public SimulatorOptions withClipCacheDir(Path dir) {
        return new SimulatorOptions(cameras, port, bindHost, clip, dir, credentials, sessionTimeout);
    }

    public SimulatorOptions withCredentials(Credentials c) {
        return new SimulatorOptions(cameras, port, bindHost, clip, clipCacheDir, Optional.ofNullable(c), sessionTimeout);
    }

    public SimulatorOptions withSessionTimeout(Duration d) {
        return new SimulatorOptions(cameras, port, bindHost, clip, clipCacheDir, credentials, d);
    }
}
