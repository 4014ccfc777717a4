package org.carewatch.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.store.Store;
import org.carewatch.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;

class AccessLogIT {
    private static AccessRecord view(long user, long camera) {
        return new AccessRecord(Instant.now(), user, "officer" + user, "officer", "snapshot", "camera", camera, 1, "daily patrol", "127.0.0.1");
    }

    @Test
    void chainVerifiesAndDetectsTampering() throws Exception {
        try (TestDatabase db = TestDatabase.create();
             Store store = Store.open(ConfigLoader.load(null, Map.of()).store(), db.jdbcUrl(), db.user(), db.password(), null)) {
            AccessLog log = new AccessLog(store.dataSource());
            try (var pool = Executors.newFixedThreadPool(4)) {
                for (int i = 0; i < 40; i++) {
                    int n = i;
                    pool.submit(() -> {
                        log.append(view(n % 3, n));
                        return null;
                    });
                }
            }
            var ok = log.verify();
            assertThat(ok.rows()).isEqualTo(40);
            assertThat(ok.intact()).isTrue();

            try (var c = store.connection(); var st = c.createStatement()) {
                assertThatThrownBy(() -> st.execute("UPDATE access_log SET purpose = 'nothing to see'")).hasMessageContaining("append-only");
                // A superuser can bypass triggers; the chain still shows it.
                st.execute("SET session_replication_role = replica");
                st.execute("UPDATE access_log SET purpose = 'edited' WHERE id = (SELECT min(id) + 5 FROM access_log)");
            }
            var broken = log.verify();
            assertThat(broken.intact()).isFalse();
            assertThat(broken.problem()).contains("altered");
        }
    }
}
