package org.carewatch.patrol.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.carewatch.patrol.draw.Canonical;
import org.carewatch.patrol.draw.Seed;
import org.carewatch.patrol.plan.DayInput;
import org.carewatch.patrol.plan.DayJson;
import org.carewatch.patrol.plan.DayPlan;
import org.carewatch.patrol.plan.Planner;
import org.carewatch.patrol.plan.TestDistricts;

/** An exported day verifies; a wrong seed, a changed input or a changed plan does not. */
class VerificationPropertiesTest {

    static ObjectNode export(DayInput in, Seed seed) {
        DayPlan plan = Planner.plan(in, seed);
        return Exports.day(DrawRecord.of(DayJson.inputs(in), seed, DayJson.plan(in, plan)), List.of());
    }

    @Property(tries = 150)
    void anExportedDrawVerifies(@ForAll @IntRange(min = 0, max = 6) int officers, @ForAll @IntRange(min = 0, max = 25) int centres,
                                @ForAll long random) {
        ObjectNode doc = export(TestDistricts.day(officers, centres, 20, 20, random), TestDistricts.seed(random));
        // Through text, as a file would travel.
        assertThat(Verifier.verify(Canonical.parse(doc.toPrettyString()))).isEqualTo(Verification.ok());
    }

    @Property(tries = 150)
    void aSeedThatIsNotTheCommittedOneFails(@ForAll @IntRange(min = 1, max = 6) int officers, @ForAll @IntRange(min = 1, max = 25) int centres,
                                            @ForAll long random) {
        ObjectNode doc = export(TestDistricts.day(officers, centres, 20, 20, random), TestDistricts.seed(random));
        doc.put("seed", TestDistricts.seed(random + 1).hex());
        Verification v = Verifier.verify(doc);
        assertThat(v.verified()).isFalse();
        assertThat(v.reason()).contains("commitment");
        doc.putNull("seed");
        assertThat(Verifier.verify(doc).reason()).contains("not revealed");
    }

    @Property(tries = 300)
    void aChangedInputFailsVerification(@ForAll @IntRange(min = 1, max = 6) int officers, @ForAll @IntRange(min = 1, max = 25) int centres,
                                        @ForAll @IntRange(min = 0, max = 5) int change, @ForAll long random) {
        DayInput in = TestDistricts.day(officers, centres, 20, 20, random);
        ObjectNode doc = export(in, TestDistricts.seed(random));
        ObjectNode inputs = (ObjectNode) doc.get("inputs");
        switch (change) {
            case 0 -> inputs.put("date", in.date().plusDays(7).toString());
            case 1 -> ((ArrayNode) inputs.get("centres")).remove(0);
            case 2 -> ((ArrayNode) inputs.get("officers").get(0).get("conflictCentreIds")).add(in.centres().get(0).id());
            case 3 -> ((ArrayNode) inputs.get("previousPairs")).addObject().put("officerId", 999).put("centreId", 998);
            case 4 -> ((ObjectNode) inputs.get("rounds").get(0)).put("startsAt", "05:00");
            default -> ((ArrayNode) inputs.get("officers")).remove(0);
        }
        Verification v = Verifier.verify(doc);
        assertThat(v.verified()).isFalse();
        assertThat(v.reason()).contains("digest");
        // Even with the digest updated to the changed inputs, the plan no longer matches... unless the change
        // cannot affect this plan; then the recomputed plan is the same and that is correct.
        doc.put("inputsDigest", Canonical.digest(inputs));
        Verification again = Verifier.verify(doc);
        String recomputed = Canonical.string(Verifier.recompute(inputs, TestDistricts.seed(random)));
        assertThat(again.verified()).isEqualTo(recomputed.equals(Canonical.string(doc.get("plan"))));
    }

    @Property(tries = 150)
    void aChangedPlanFailsVerification(@ForAll @IntRange(min = 2, max = 6) int officers, @ForAll @IntRange(min = 2, max = 25) int centres,
                                       @ForAll long random) {
        DayInput in = TestDistricts.day(officers, centres, 0, 0, random);
        ObjectNode doc = export(in, TestDistricts.seed(random));
        JsonNode assignments = doc.get("plan").get("rounds").get(0).get("assignments");
        if (assignments.size() < 2) {
            return;
        }
        ArrayNode a = (ArrayNode) assignments.get(0).get("centreIds");
        ArrayNode b = (ArrayNode) assignments.get(assignments.size() - 1).get("centreIds");
        if (a.isEmpty()) {
            return;
        }
        b.add(a.remove(0));
        assertThat(Verifier.verify(doc).reason()).contains("differs");
    }
}
