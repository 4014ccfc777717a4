package org.carewatch.ui.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.carewatch.ui.http.ApiError;
import org.junit.jupiter.api.Test;

/** Who may read /metrics (the node-level check is in the security suite's MetricsAccessIT). */
class MetricsRouteTest {
    @Test
    void withoutATokenOnlyLoopbackClientsReadTheMainPortsMetrics() {
        MetricsRoute r = new MetricsRoute(null, null, "", false);
        assertThat(r.rule()).isEqualTo(MetricsRoute.Rule.LOOPBACK);
        assertThatCode(() -> r.check(null, "127.0.0.1")).doesNotThrowAnyException();
        assertThatCode(() -> r.check(null, "::1")).doesNotThrowAnyException();
        assertThatCode(() -> r.check(null, "127.8.9.10")).doesNotThrowAnyException();
        for (String remote : new String[] {"192.0.2.7", "10.1.2.3", "::ffff:10.1.2.3", "2001:db8::1", "localhost", "", null}) {
            assertThatThrownBy(() -> r.check(null, remote)).as(remote).isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(403));
        }
    }

    @Test
    void withATokenEveryClientNeedsIt() {
        MetricsRoute r = new MetricsRoute(null, null, "scrape-token-0123456789", false);
        assertThat(r.rule()).isEqualTo(MetricsRoute.Rule.TOKEN);
        assertThatCode(() -> r.check("Bearer scrape-token-0123456789", "192.0.2.7")).doesNotThrowAnyException();
        for (String auth : new String[] {null, "", "Bearer ", "Bearer scrape-token-012345678", "Basic c2NyYXBl", "scrape-token-0123456789"}) {
            assertThatThrownBy(() -> r.check(auth, "127.0.0.1")).as(auth).isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(401));
        }
    }

    @Test
    void aManagementPortWithoutATokenIsOpenToWhoeverReachesIt() {
        MetricsRoute r = new MetricsRoute(null, null, "", true);
        assertThat(r.rule()).isEqualTo(MetricsRoute.Rule.OPEN);
        assertThatCode(() -> r.check(null, "192.0.2.7")).doesNotThrowAnyException();
    }
}
