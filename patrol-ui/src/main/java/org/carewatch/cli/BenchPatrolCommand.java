package org.carewatch.cli;

import java.util.concurrent.Callable;
import org.carewatch.app.PatrolSamplingBench;
import org.carewatch.tools.bench.patrol.PatrolBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "patrol", mixinStandardHelpOptions = true,
        description = {"Rotation planning benchmark: draws one day of a generated district (centres, officers, 3 rounds, declared",
                "conflicts and the previous day's plan) and verifies the export, several times; the last line is JSON",
                "(plan_ms and verify_ms are medians, *_max the slowest). With --sampling it also samples a round of --held held",
                "cameras and one of --cold cameras sampled on demand (1 s GOP) on a whole node with a simulator in a child JVM",
                "(sample_held_s, sample_cold_s: until every camera's row and masked JPEG is stored)."})
public final class BenchPatrolCommand implements Callable<Integer> {
    @Option(names = "--centres", defaultValue = "5000", description = "centres (default ${DEFAULT-VALUE})")
    int centres;

    @Option(names = "--officers", defaultValue = "200", description = "officers (default ${DEFAULT-VALUE})")
    int officers;

    @Option(names = "--conflicts", defaultValue = "3", description = "declared conflicts per officer (default ${DEFAULT-VALUE})")
    int conflicts;

    @Option(names = "--repetitions", defaultValue = "7", description = "measured repetitions after two warm-up rounds (default ${DEFAULT-VALUE})")
    int repetitions;

    @Option(names = "--random", defaultValue = "20250312", description = "seed of the generated district (default ${DEFAULT-VALUE})")
    long random;

    @Option(names = "--sampling", description = "also measure frame sampling (sample_held_s, sample_cold_s)")
    boolean sampling;

    @Option(names = "--held", defaultValue = "1000", description = "held cameras in the sampled round (default ${DEFAULT-VALUE})")
    int held;

    @Option(names = "--cold", defaultValue = "200", description = "on-demand cameras in the sampled round (default ${DEFAULT-VALUE})")
    int cold;

    @Override
    public Integer call() throws Exception {
        if (centres < 1 || officers < 1 || repetitions < 1 || conflicts < 0) {
            System.err.println("carewatch bench patrol: --centres, --officers and --repetitions must be at least 1, --conflicts at least 0");
            return 2;
        }
        if (sampling && (held < 1 || cold < 1 || held > 5000 || cold > 5000)) {
            System.err.println("carewatch bench patrol: --held and --cold must be between 1 and 5000");
            return 2;
        }
        PatrolBench.Options o = new PatrolBench.Options(centres, officers, conflicts, repetitions, random);
        String planning = PatrolBench.json(o, PatrolBench.run(o, System.out));
        if (!sampling) {
            System.out.println(planning);
            return 0;
        }
        PatrolSamplingBench.Result s = PatrolSamplingBench.run(held, cold, System.out);
        System.out.println(planning.substring(0, planning.length() - 1) + String.format(java.util.Locale.ROOT,
                ",\"sample_held_s\":%.2f,\"sample_held_cameras\":%d,\"sample_held_frames\":%d,\"sample_cold_s\":%.2f,"
                        + "\"sample_cold_cameras\":%d,\"sample_cold_frames\":%d,\"sample_held_concurrency\":%d,"
                        + "\"sample_on_demand_concurrency\":%d,\"alert_p99_ms_quiet\":%.1f,\"alert_p99_ms_sampling\":%.1f,"
                        + "\"alert_max_ms_quiet\":%.1f,\"alert_max_ms_sampling\":%.1f,\"alerts_missed\":%d,\"sample_held_under_alert_load_s\":%.2f}",
                s.heldSeconds(), s.held(), s.heldFrames(), s.coldSeconds(), s.cold(), s.coldFrames(), s.heldConcurrency(),
                s.onDemandConcurrency(), s.quiet().p99Ms(), s.sampling().p99Ms(), s.quiet().maxMs(), s.sampling().maxMs(),
                s.quiet().missed() + s.sampling().missed(), s.heldUnderLoadSeconds()));
        return 0;
    }
}
