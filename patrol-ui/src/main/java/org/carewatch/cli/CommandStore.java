package org.carewatch.cli;

import java.nio.file.Path;
import java.time.Duration;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.config.StoreConfig;
import org.carewatch.core.embedded.EmbeddedPostgres;
import org.carewatch.core.store.Store;

/**
 * The store an operator's command works on: the external PostgreSQL of {@code --config FILE}, or the
 * embedded one of a stopped demo's {@code --data DIR}. Opening it applies the schema migrations, so the
 * commands work on an empty database.
 */
final class CommandStore implements AutoCloseable {
    private final EmbeddedPostgres embedded;
    private final Store store;

    private CommandStore(EmbeddedPostgres embedded, Store store) {
        this.embedded = embedded;
        this.store = store;
    }

    static CommandStore open(CareWatchConfig cfg) throws Exception {
        StoreConfig s = cfg.store();
        if (s.mode() == StoreConfig.Mode.EXTERNAL) {
            return new CommandStore(null, Store.open(s, s.url(), s.user(), s.password(), null));
        }
        EmbeddedPostgres pg = EmbeddedPostgres.start(cfg.dataDir().resolve("postgres"), 0, Duration.ofSeconds(60));
        try {
            return new CommandStore(pg, Store.open(s, pg.jdbcUrl("carewatch"), pg.user(), pg.password(), null));
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    /** The configuration of {@code --config} (defaults without it) with {@code --data} as the data folder; null after reporting a bad file. */
    static CareWatchConfig config(Path config, Path data) {
        CareWatchConfig cfg = CommandConfig.loadOrReport(config);
        if (cfg != null && data != null) {
            cfg = cfg.withDataDir(data.toAbsolutePath());
        }
        return cfg;
    }

    Store store() {
        return store;
    }

    @Override
    public void close() {
        store.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
