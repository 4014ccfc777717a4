package org.carewatch.patrol.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.carewatch.patrol.draw.Canonical;
import org.carewatch.patrol.draw.Digests;
import org.carewatch.patrol.draw.Seed;

/**
 * One draw as published: its frozen inputs and their SHA-256 digest, the seed's commitment, the seed once
 * revealed (else null), and the plan it produced. Inputs and plan are kept as their canonical text.
 */
public record DrawRecord(String inputsJson, String inputsDigest, String seedCommitment, String seedHex, String planJson) {

    /** A new record from a draw that has just been made; the seed is kept and shown only once revealed. */
    public static DrawRecord of(JsonNode inputs, Seed seed, JsonNode plan) {
        String in = Canonical.string(inputs);
        return new DrawRecord(in, Digests.sha256Hex(in.getBytes(java.nio.charset.StandardCharsets.UTF_8)), seed.commitment(), seed.hex(),
                Canonical.string(plan));
    }

    public DrawRecord hideSeed() {
        return new DrawRecord(inputsJson, inputsDigest, seedCommitment, null, planJson);
    }

    public ObjectNode toJson() {
        ObjectNode o = Canonical.object();
        o.set("inputs", Canonical.parse(inputsJson));
        o.put("inputsDigest", inputsDigest);
        o.put("seedCommitment", seedCommitment);
        if (seedHex == null) {
            o.putNull("seed");
        } else {
            o.put("seed", seedHex);
        }
        o.set("plan", Canonical.parse(planJson));
        return o;
    }

    public static DrawRecord fromJson(JsonNode n) {
        JsonNode seed = n.path("seed");
        return new DrawRecord(Canonical.string(n.path("inputs")), n.path("inputsDigest").asText(), n.path("seedCommitment").asText(),
                seed.isTextual() ? seed.textValue() : null, Canonical.string(n.path("plan")));
    }
}
