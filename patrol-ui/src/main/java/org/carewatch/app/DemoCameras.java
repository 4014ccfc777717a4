package org.carewatch.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.demo.DemoDistrict;
import org.carewatch.core.demo.DemoSimulatedCameras;
import org.carewatch.ingest.rtsp.Credentials;
import org.carewatch.tools.simulator.cameras.CameraSimulator;
import org.carewatch.tools.simulator.cameras.SimulatorOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo district's cameras: one simulator serving every seeded camera over real RTSP with Digest
 * auth. When the usual port is taken, it serves on a free one and the demo cameras follow it.
 */
final class DemoCameras {
    private static final Logger log = LoggerFactory.getLogger(DemoCameras.class);

    private DemoCameras() {
    }

    static CameraSimulator start(CareWatchConfig cfg, DataSource ds) throws IOException, SQLException {
        int count = DemoSimulatedCameras.count(ds);
        int port = isFree(DemoDistrict.SIMULATOR_PORT) ? DemoDistrict.SIMULATOR_PORT : 0;
        CameraSimulator sim = CameraSimulator.start(SimulatorOptions.defaults(Math.max(count, 1)).withPort(port)
                .withClipCacheDir(cfg.dataDir().resolve("clips"))
                .withCredentials(new Credentials(DemoDistrict.CAMERA_USER, DemoDistrict.cameraPassword())));
        if (sim.port() != DemoDistrict.SIMULATOR_PORT) {
            log.warn("RTSP port {} is in use; the demo cameras are served on {}", DemoDistrict.SIMULATOR_PORT, sim.port());
        }
        DemoSimulatedCameras.followSimulatorPort(ds, sim.port());
        log.info("demo camera simulator: {} cameras on rtsp://127.0.0.1:{}/cam/1..{}", count, sim.port(), count);
        return sim;
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
