package org.carewatch.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.carewatch.tools.clip.ClipGenerator;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.rtsp.IngestEventLoop;
import org.carewatch.ingest.rtsp.RtspException;
import org.carewatch.ingest.rtsp.RtspTransport;
import org.carewatch.ingest.rtsp.SnapshotFailure;
import org.carewatch.tools.simulator.cameras.CameraSimulator;
import org.carewatch.tools.simulator.cameras.SimulatorOptions;
import org.carewatch.tools.testing.TestClips;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RTSP URL → JPEG, end to end, for both codecs and transports. */
class RtspSnapshotterTest {

    @ParameterizedTest
    @CsvSource({"H264,TCP", "H264,UDP", "H265,TCP", "H265,UDP"})
    void snapshotIsAJpegOfTheClipSize(Codec codec, RtspTransport transport) throws Exception {
        Assumptions.assumeTrue(ClipGenerator.canEncode(codec), "this FFmpeg build cannot encode " + codec);
        try (IngestEventLoop simLoop = IngestEventLoop.create("test-sim", 1);
             CameraSimulator sim = CameraSimulator.start(SimulatorOptions.defaults(2)
                     .withClip(TestClips.shortSpec(codec)), TestClips.shortClip(codec), simLoop);
             RtspSnapshotter snapshotter = RtspSnapshotter.create()) {
            byte[] jpeg = snapshotter.snapshot(sim.url(1), transport, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
            assertThat(jpeg).startsWith((byte) 0xFF, (byte) 0xD8);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            assertThat(image.getWidth()).isEqualTo(640);
            assertThat(image.getHeight()).isEqualTo(360);

            sim.faults(2).unsupportedCodec(true);
            Throwable t = catchThrowable(() -> snapshotter.snapshot(sim.url(2), transport, Duration.ofSeconds(5))
                    .get(10, TimeUnit.SECONDS));
            assertThat(RtspException.of(t).failure()).isEqualTo(SnapshotFailure.UNSUPPORTED_CODEC);
        }
    }
}
