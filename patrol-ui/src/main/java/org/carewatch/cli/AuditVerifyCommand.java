package org.carewatch.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.carewatch.core.audit.AccessLog;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.config.ConfigException;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.config.StoreConfig;
import org.carewatch.core.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks the access log's hash chain: exit 0 when intact, 1 naming the first broken row.",
                "Reads the store of --config FILE, or of a stopped demo's --data DIR."})
public final class AuditVerifyCommand implements Callable<Integer> {
    static final class Source {
        @Option(names = "--config", description = "configuration file of the installation")
        Path config;

        @Option(names = "--data", description = "data folder of a (stopped) demo")
        Path data;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Override
    public Integer call() {
        CareWatchConfig cfg;
        try {
            cfg = ConfigLoader.load(source.config, System.getenv());
            if (source.data != null) {
                cfg = cfg.withDataDir(source.data.toAbsolutePath());
            }
        } catch (ConfigException e) {
            System.err.println("carewatch: " + e.getMessage());
            return 2;
        }
        StoreConfig s = cfg.store();
        EmbeddedPostgres pg = null;
        try {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            if (s.mode() == StoreConfig.Mode.EMBEDDED) {
                pg = EmbeddedPostgres.start(cfg.dataDir().resolve("postgres"), 0, Duration.ofSeconds(60));
                ds.setUrl(pg.jdbcUrl("carewatch"));
                ds.setUser(pg.user());
                ds.setPassword(pg.password());
            } else {
                ds.setUrl(s.url());
                ds.setUser(s.user());
                ds.setPassword(s.password());
            }
            AccessLog.Verification v = new AccessLog(ds).verify();
            if (v.intact()) {
                System.out.println("access log intact: " + v.rows() + " row(s), hash chain verified");
                return 0;
            }
            System.out.println("access log BROKEN: " + v.problem());
            return 1;
        } catch (Exception e) {
            System.err.println("carewatch audit verify: " + e.getMessage());
            return 2;
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }
}
