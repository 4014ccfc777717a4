package org.carewatch.cli;

import org.carewatch.patrol.access.Access;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.carewatch.alerts.history.AlertHistory;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.config.StoreConfig;
import org.carewatch.core.districts.District;
import org.carewatch.core.districts.DistrictRepository;
import org.carewatch.core.embedded.EmbeddedPostgres;
import org.carewatch.core.store.Store;
import org.carewatch.patrol.PatrolServices;
import org.carewatch.patrol.rotation.RotationView;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "draw", mixinStandardHelpOptions = true,
        description = {"Draws (or re-draws, before it starts) a district's rotation for a day, as a system action of that district.",
                "Prints the seed's commitment and the inputs' digest; the seed is shown from the start of the day."})
public final class PatrolDrawCommand implements Callable<Integer> {
    static final class Source {
        @Option(names = "--config", description = "configuration file of the installation")
        Path config;

        @Option(names = "--data", description = "data folder of a (stopped) demo")
        Path data;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--date", required = true, description = "the day, YYYY-MM-DD")
    LocalDate date;

    @Option(names = "--district", description = "district code (needed when there are several)")
    String district;

    @Option(names = "--seed", description = "the 256-bit seed as 64 hex digits (default: a fresh random one)")
    String seed;

    @Override
    public Integer call() {
        CareWatchConfig cfg = CommandConfig.loadOrReport(source.config);
        if (cfg == null) {
            return CommandConfig.INVALID;
        }
        if (source.data != null) {
            cfg = cfg.withDataDir(source.data.toAbsolutePath());
        }
        StoreConfig s = cfg.store();
        EmbeddedPostgres pg = null;
        try {
            Store store;
            if (s.mode() == StoreConfig.Mode.EMBEDDED) {
                pg = EmbeddedPostgres.start(cfg.dataDir().resolve("postgres"), 0, Duration.ofSeconds(60));
                store = Store.open(s, pg.jdbcUrl("carewatch"), pg.user(), pg.password(), null);
            } else {
                store = Store.open(s, s.url(), s.user(), s.password(), null);
            }
            try (store) {
                DistrictRepository districts = new DistrictRepository(store.dataSource());
                District d;
                if (district != null) {
                    d = districts.findByCode(district).orElse(null);
                    if (d == null) {
                        System.err.println("carewatch patrol draw: no district '" + district + "'");
                        return 1;
                    }
                } else {
                    List<District> all = districts.list();
                    if (all.size() != 1) {
                        System.err.println("carewatch patrol draw: " + all.size() + " districts; name one with --district CODE");
                        return 1;
                    }
                    d = all.get(0);
                }
                PatrolServices services = PatrolServices.create(store.dataSource(), new AlertHistory(store.dataSource(), cfg.alerts().zone()),
                        cfg.alerts().timeZone(), Clock.systemUTC());
                RotationView v = services.rotations().draw(Access.system(d.id(), "cli"), date, seed);
                int visits = v.rounds().stream().mapToInt(r -> r.assignments().stream().mapToInt(a -> a.visits().size()).sum()).sum();
                System.out.println("drew " + date + " for district " + d.code() + ": " + visits + " visits in " + v.rounds().size()
                        + " rounds, " + v.unmet().size() + " unmet rule(s)");
                System.out.println("seed commitment: " + v.seedCommitment());
                System.out.println("inputs digest:   " + v.inputsDigest());
                System.out.println("seed:            " + (v.seed() == null ? "revealed at " + v.revealAt() : v.seed()));
                return 0;
            }
        } catch (RuntimeException e) {
            System.err.println("carewatch patrol draw: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            System.err.println("carewatch patrol draw: " + e.getMessage());
            return 2;
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }
}
