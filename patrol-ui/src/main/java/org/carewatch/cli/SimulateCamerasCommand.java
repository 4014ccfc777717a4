package org.carewatch.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.carewatch.tools.clip.ClipGenerator;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.rtsp.Credentials;
import org.carewatch.tools.simulator.cameras.CameraSimulator;
import org.carewatch.tools.simulator.cameras.SimulatorOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "cameras", mixinStandardHelpOptions = true,
        description = {"Serves N simulated cameras over real RTSP at rtsp://127.0.0.1:P/cam/1 .. /cam/N",
                "(640x360, 25 fps, a moving scene with a frame counter; TCP interleaved and UDP)."})
public final class SimulateCamerasCommand implements Callable<Integer> {
    @Option(names = "--count", required = true, description = "number of cameras")
    int count;

    @Option(names = "--port", required = true, description = "RTSP port")
    int port;

    @Option(names = "--codec", defaultValue = "h264", paramLabel = "h264|h265", description = "video codec (default h264)")
    String codec;

    @Option(names = "--auth", paramLabel = "USER:PASS", description = "require Digest authentication with these credentials")
    String auth;

    @Option(names = "--clip-cache", defaultValue = "carewatch-data/clips", description = "folder for the generated clip")
    Path clipCache;

    @Override
    public Integer call() throws Exception {
        if (count < 1 || count > 10_000) {
            System.err.println("carewatch simulate cameras: --count must be between 1 and 10000");
            return 2;
        }
        Codec c = switch (codec.toLowerCase(java.util.Locale.ROOT)) {
            case "h264" -> Codec.H264;
            case "h265", "hevc" -> Codec.H265;
            default -> null;
        };
        if (c == null) {
            System.err.println("carewatch simulate cameras: --codec must be h264 or h265");
            return 2;
        }
        if (!ClipGenerator.canEncode(c)) {
            System.err.println("carewatch simulate cameras: this build's FFmpeg has no " + c + " encoder (H.265 needs a build with "
                    + "the GPL FFmpeg natives: see README, 'H.265 simulator')");
            return 1;
        }
        SimulatorOptions opts = SimulatorOptions.defaults(count).withPort(port).withCodec(c).withClipCacheDir(clipCache);
        if (auth != null) {
            opts = opts.withCredentials(Credentials.parse(auth));
        }
        CameraSimulator sim;
        try {
            sim = CameraSimulator.start(opts);
        } catch (java.io.IOException e) {
            System.err.println("carewatch simulate cameras: cannot start: " + e.getMessage());
            return 1;
        }
        System.out.println("serving " + count + " " + c + " camera(s) at rtsp://127.0.0.1:" + sim.port() + "/cam/1 .. /cam/" + count
                + (auth != null ? " (Digest auth)" : "") + "; Ctrl+C stops");
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            done.countDown();
        }));
        done.await();
        return 0;
    }
}
