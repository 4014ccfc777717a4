package org.carewatch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.carewatch.ingest.rtsp.RtspException;
import org.carewatch.ingest.rtsp.RtspTransport;
import org.carewatch.ingest.stream.RtspSnapshotter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = {"Takes one JPEG snapshot from an RTSP camera (rtsp://user:pass@host:port/path).",
                "Exit 0 with the JPEG written; otherwise non-zero and one line naming the cause."})
public final class SnapshotCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RTSP_URL", description = "the stream URL; credentials may be in it")
    String url;

    @Option(names = "--out", required = true, paramLabel = "FILE.jpg", description = "where to write the JPEG")
    Path out;

    @Option(names = "--transport", defaultValue = "tcp", paramLabel = "tcp|udp", description = "RTP transport (default tcp)")
    String transport;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS", description = "give up after this long (default 10)")
    int timeoutSeconds;

    @Override
    public Integer call() {
        if (timeoutSeconds < 1 || timeoutSeconds > 600) {
            System.err.println("carewatch snapshot: --timeout must be between 1 and 600 seconds");
            return 2;
        }
        RtspTransport t;
        try {
            t = RtspTransport.parse(transport);
        } catch (IllegalArgumentException e) {
            System.err.println("carewatch snapshot: --transport must be tcp or udp");
            return 2;
        }
        try (RtspSnapshotter snapshotter = RtspSnapshotter.create()) {
            byte[] jpeg = snapshotter.snapshot(url, t, Duration.ofSeconds(timeoutSeconds))
                    .get(timeoutSeconds + 5L, TimeUnit.SECONDS);
            Path tmp = out.toAbsolutePath().resolveSibling(out.getFileName() + ".part");
            Files.write(tmp, jpeg);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.println("wrote " + out + " (" + jpeg.length + " bytes)");
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("carewatch snapshot: " + e.getMessage());
            return 2;
        } catch (java.io.IOException e) {
            System.err.println("carewatch snapshot: cannot write " + out + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            System.err.println("carewatch snapshot: " + RtspException.of(e).failure().message());
            return 1;
        }
    }
}
