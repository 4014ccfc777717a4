package org.carewatch.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.app.TestApp;
import org.carewatch.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessIT {
    @TempDir
    Path dataDir;

    @Test
    void unreachableBrokerMakesReadyzAnswer503WithTheReason() throws Exception {
        int deadPort;
        try (var s = new java.net.ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        try (TestDatabase db = TestDatabase.create();
             CareWatchApp app = CareWatchApp.start(TestApp.config(db, dataDir, "tcp://127.0.0.1:" + deadPort), false)) {
            var http = new Http(app.httpPort());
            assertThat(http.get("/healthz", null).status()).isEqualTo(200);
            var r = http.get("/readyz", null);
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.json().get("error").asText()).isEqualTo("not_ready");
            assertThat(r.json().get("message").asText()).startsWith("broker:");
            assertThat(r.json().at("/checks/store").asText()).isEqualTo("ok");
        }
    }
}
