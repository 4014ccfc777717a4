package org.carewatch.cli;

import java.util.concurrent.Callable;
import org.carewatch.tools.bench.patrol.PatrolBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "patrol", mixinStandardHelpOptions = true,
        description = {"Rotation planning benchmark: draws one day of a generated district (centres, officers, 3 rounds, declared",
                "conflicts and the previous day's plan) and verifies the export, several times; the last line is JSON",
                "(plan_ms and verify_ms are medians, *_max the slowest)."})
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

    @Override
    public Integer call() {
        if (centres < 1 || officers < 1 || repetitions < 1 || conflicts < 0) {
            System.err.println("carewatch bench patrol: --centres, --officers and --repetitions must be at least 1, --conflicts at least 0");
            return 2;
        }
        PatrolBench.Options o = new PatrolBench.Options(centres, officers, conflicts, repetitions, random);
        System.out.println(PatrolBench.json(o, PatrolBench.run(o, System.out)));
        return 0;
    }
}
