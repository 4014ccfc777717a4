package org.carewatch.patrol.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.carewatch.patrol.draw.Canonical;
import org.carewatch.patrol.draw.Digests;
import org.carewatch.patrol.draw.Seed;
import org.carewatch.patrol.plan.DayInput;
import org.carewatch.patrol.plan.DayJson;
import org.carewatch.patrol.plan.Planner;
import org.carewatch.patrol.plan.Replan;
import org.carewatch.patrol.plan.SpotCheckDraw;

/**
 * Checks an exported document from its own content alone: for the draw and every re-draw, the seed matches
 * its commitment, the inputs match their digest, and recomputing from inputs and seed gives the same
 * canonical bytes as the published plan; a re-draw must also start from the plan as it stood.
 */
public final class Verifier {
    private Verifier() {
    }

    public static Verification verify(JsonNode doc) {
        try {
            if (!DayJson.FORMAT.equals(doc.path("format").asText())) {
                return Verification.failed("unknown format '" + doc.path("format").asText() + "' (expected " + DayJson.FORMAT + ")");
            }
            String kind = doc.path("kind").asText();
            Verification v = check("the draw", doc, kind);
            if (!v.verified()) {
                return v;
            }
            if (!DayJson.KIND.equals(kind)) {
                return v;
            }
            // Re-draws: each starts from the day's plan with the earlier re-draws applied.
            Map<String, Long> current = dayAssignments(doc.path("plan"));
            DayInput day = DayJson.input(doc.path("inputs"));
            JsonNode redraws = doc.path("redraws");
            for (int i = 0; i < redraws.size(); i++) {
                JsonNode r = redraws.get(i);
                String name = "re-draw " + (i + 1);
                Verification rv = check(name, r, Replan.KIND);
                if (!rv.verified()) {
                    return rv;
                }
                Replan.Input in = Replan.input(r.path("inputs"));
                if (in.districtId() != day.districtId() || !in.date().equals(day.date())) {
                    return Verification.failed(name + " is for another district or date than the draw");
                }
                Map<String, Long> before = new HashMap<>();
                for (Replan.Visit x : in.visits()) {
                    before.put(x.round() + "/" + x.centreId(), x.officerId());
                }
                if (!before.equals(current)) {
                    return Verification.failed(name + " does not start from the plan as drawn and re-drawn before it");
                }
                for (JsonNode mv : r.path("plan").path("moves")) {
                    if (mv.path("toOfficerId").isIntegralNumber()) {
                        current.put(mv.path("round").asInt() + "/" + mv.path("centreId").asLong(), mv.path("toOfficerId").asLong());
                    }
                }
            }
            return Verification.ok();
        } catch (IllegalArgumentException e) {
            return Verification.failed("malformed document: " + e.getMessage());
        }
    }

    private static Verification check(String name, JsonNode record, String kind) {
        JsonNode seedNode = record.path("seed");
        if (!seedNode.isTextual()) {
            return Verification.failed(name + ": the seed is not revealed yet (it is revealed when the day starts)");
        }
        String seedHex = seedNode.textValue();
        if (!seedHex.matches("[0-9a-f]{64}")) {
            return Verification.failed(name + ": the seed must be 64 lower-case hexadecimal digits");
        }
        Seed seed = Seed.parseHex(seedHex, "seed");
        if (!seed.commitment().equals(record.path("seedCommitment").asText())) {
            return Verification.failed(name + ": the seed does not match its commitment (SHA-256 of the seed)");
        }
        JsonNode inputs = record.path("inputs");
        if (!Digests.sha256Hex(Canonical.bytes(inputs)).equals(record.path("inputsDigest").asText())) {
            return Verification.failed(name + ": the inputs do not match their digest");
        }
        if (!kind.equals(inputs.path("kind").asText())) {
            return Verification.failed(name + ": the inputs are of kind '" + inputs.path("kind").asText() + "', expected '" + kind + "'");
        }
        ObjectNode recomputed = recompute(inputs, seed);
        if (!Canonical.string(recomputed).equals(Canonical.string(record.path("plan")))) {
            return Verification.failed(name + ": the published plan differs from the plan recomputed from its inputs and seed");
        }
        return Verification.ok();
    }

    /** The plan a draw's inputs and seed give, in canonical form. */
    public static ObjectNode recompute(JsonNode inputs, Seed seed) {
        String kind = inputs.path("kind").asText();
        return switch (kind) {
            case DayJson.KIND -> {
                DayInput in = DayJson.input(inputs);
                yield DayJson.plan(in, Planner.plan(in, seed));
            }
            case Replan.KIND -> {
                Replan.Input in = Replan.input(inputs);
                yield Replan.result(in, Replan.plan(in, seed));
            }
            case SpotCheckDraw.KIND -> {
                SpotCheckDraw.Input in = SpotCheckDraw.input(inputs);
                yield SpotCheckDraw.result(in, SpotCheckDraw.draw(in, seed));
            }
            default -> throw new IllegalArgumentException("unknown kind '" + kind + "'");
        };
    }

    private static Map<String, Long> dayAssignments(JsonNode plan) {
        Map<String, Long> out = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode r : plan.path("rounds")) {
            for (JsonNode a : r.path("assignments")) {
                for (JsonNode c : a.path("centreIds")) {
                    String key = r.path("index").asInt() + "/" + c.asLong();
                    if (seen.add(key)) {
                        out.put(key, a.path("officerId").asLong());
                    }
                }
            }
        }
        return out;
    }
}
