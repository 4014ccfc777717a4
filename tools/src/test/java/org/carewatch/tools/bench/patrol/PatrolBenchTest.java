package org.carewatch.tools.bench.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** A small run of the patrol benchmark: it draws, verifies its own draw and ends with the JSON figures. */
class PatrolBenchTest {
    @Test
    void aSmallRunPrintsItsFiguresAsJson() throws Exception {
        PatrolBench.Options o = new PatrolBench.Options(300, 20, 2, 2, 7L);
        var out = new ByteArrayOutputStream();
        PatrolBench.Result r = PatrolBench.run(o, new PrintStream(out, true));
        var json = new ObjectMapper().readTree(PatrolBench.json(o, r));
        assertThat(json.get("bench").asText()).isEqualTo("patrol");
        assertThat(json.get("visits").asInt()).isEqualTo(r.visits()).isGreaterThan(300);
        assertThat(json.get("plan_ms").asDouble()).isPositive();
        assertThat(json.get("verify_ms").asDouble()).isPositive();
        assertThat(r.planMs()).hasSize(2);
        assertThat(out.toString()).contains("repetition 2:");
    }
}
