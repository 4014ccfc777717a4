package org.carewatch.patrol.publish;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.carewatch.patrol.plan.DayJson;
import org.carewatch.patrol.plan.SpotCheckDraw;

/**
 * The exported documents: one JSON object with the draw's {@code inputs}, {@code inputsDigest},
 * {@code seedCommitment}, {@code seed} (null until revealed) and {@code plan}; a day adds its
 * {@code redraws} in order, each with the same five fields.
 */
public final class Exports {
    private Exports() {
    }

    public static ObjectNode day(DrawRecord draw, List<DrawRecord> redraws) {
        ObjectNode o = head(DayJson.KIND, draw);
        ArrayNode r = o.putArray("redraws");
        redraws.forEach(x -> r.add(x.toJson()));
        return o;
    }

    public static ObjectNode spotCheck(DrawRecord draw) {
        return head(SpotCheckDraw.KIND, draw);
    }

    private static ObjectNode head(String kind, DrawRecord draw) {
        ObjectNode o = draw.toJson();
        o.put("format", DayJson.FORMAT);
        o.put("kind", kind);
        return o;
    }
}
