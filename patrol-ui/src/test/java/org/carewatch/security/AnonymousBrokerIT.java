package org.carewatch.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.TestApp;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.testing.TestBroker;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.ingest.telemetry.BrokerProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CareWatch refuses to start against an external broker that lets clients in without credentials (the test
 * broker does: the machine's Mosquitto in CI, else an open embedded one), unless the configuration says so.
 */
class AnonymousBrokerIT {

    @Test
    void anOpenBrokerIsRefusedUnlessItIsIntended(@TempDir Path dir) throws Exception {
        assertThat(BrokerProbe.anonymous(TestBroker.url(), new StringBuilder())).isEqualTo(BrokerProbe.Anonymous.ACCEPTED);
        try (TestDatabase db = TestDatabase.create(); ErrorLog log = new ErrorLog()) {
            CareWatchConfig intended = TestApp.config(db, dir.resolve("a"), TestBroker.url());
            assertThat(intended.mqtt().allowAnonymousBroker()).isTrue();
            CareWatchConfig unintended = intended.withDataDir(dir.resolve("b"))
                    .withMqtt(intended.mqtt().withAllowAnonymousBroker(false));
            assertThatThrownBy(() -> CareWatchApp.start(unintended, false).close())
                    .hasMessageContaining("mqtt.allowAnonymousBroker")
                    .hasMessageContaining("accepts clients without a username and password");
            try (CareWatchApp app = CareWatchApp.start(intended, false)) {
                assertThat(app.httpPort()).isPositive();
            }
            assertThat(log.problems()).isEmpty();
        }
    }
}
