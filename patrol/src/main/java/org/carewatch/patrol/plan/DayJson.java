package org.carewatch.patrol.plan;

import static org.carewatch.patrol.draw.Json.array;
import static org.carewatch.patrol.draw.Json.date;
import static org.carewatch.patrol.draw.Json.intField;
import static org.carewatch.patrol.draw.Json.list;
import static org.carewatch.patrol.draw.Json.longField;
import static org.carewatch.patrol.draw.Json.longs;
import static org.carewatch.patrol.draw.Json.text;
import static org.carewatch.patrol.draw.Json.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.carewatch.patrol.draw.Canonical;
import org.carewatch.patrol.draw.Json;

/** The published form of a day's draw: its frozen inputs and its plan, as canonical JSON trees. */
public final class DayJson {
    public static final String FORMAT = "carewatch-rotation/1";
    public static final String KIND = "day";

    private DayJson() {
    }

    public static ObjectNode inputs(DayInput in) {
        ObjectNode o = header(KIND, in.districtId(), in.date().toString());
        o.put("timeZone", in.timeZone());
        o.set("rounds", rounds(in.rounds()));
        o.put("maxFrameAgeMinutes", in.maxFrameAgeMinutes());
        o.put("sampleLeadMinutes", in.sampleLeadMinutes());
        o.set("officers", officers(in.officers()));
        ArrayNode centres = array();
        for (CentreSpec c : in.centres()) {
            ObjectNode x = centres.addObject();
            x.put("id", c.id());
            x.set("openDays", longs(c.openDays()));
            x.put("opensAt", time(c.opensAt()));
            x.put("closesAt", time(c.closesAt()));
            x.put("napStartsAt", time(c.napStartsAt()));
            x.put("napEndsAt", time(c.napEndsAt()));
        }
        o.set("centres", centres);
        o.set("previousPairs", pairs(in.previousPairs()));
        return o;
    }

    public static DayInput input(JsonNode n) {
        requireHeader(n, KIND);
        return new DayInput(longField(n, "districtId"), text(n, "timeZone"), date(n, "date"), rounds(n),
                intField(n, "maxFrameAgeMinutes"), intField(n, "sampleLeadMinutes"), officers(n),
                list(n, "centres", c -> new CentreSpec(longField(c, "id"), list(c, "openDays", x -> (int) Json.asLong(x)),
                        time(c, "opensAt"), time(c, "closesAt"), time(c, "napStartsAt"), time(c, "napEndsAt"))),
                pairs(n));
    }

    public static ObjectNode plan(DayInput in, DayPlan plan) {
        ObjectNode o = header(KIND, in.districtId(), in.date().toString());
        ArrayNode rounds = array();
        for (DayPlan.RoundPlan r : plan.rounds()) {
            ObjectNode x = rounds.addObject();
            x.put("index", r.index());
            x.put("name", r.name());
            x.put("startsAt", time(r.startsAt()));
            x.put("endsAt", time(r.endsAt()));
            ArrayNode as = x.putArray("assignments");
            for (DayPlan.OfficerRound a : r.assignments()) {
                ObjectNode y = as.addObject();
                y.put("officerId", a.officerId());
                y.set("centreIds", longs(a.centreIds()));
            }
        }
        o.set("rounds", rounds);
        o.set("unmet", unmet(plan.unmet()));
        return o;
    }

    // ---- shared with re-plans and spot checks ----

    static ObjectNode header(String kind, long districtId, String date) {
        ObjectNode o = Canonical.object();
        o.put("format", FORMAT);
        o.put("kind", kind);
        o.put("districtId", districtId);
        if (date != null) {
            o.put("date", date);
        }
        return o;
    }

    static void requireHeader(JsonNode n, String kind) {
        if (!FORMAT.equals(n.path("format").asText())) {
            throw new IllegalArgumentException("format must be '" + FORMAT + "'");
        }
        if (!kind.equals(n.path("kind").asText())) {
            throw new IllegalArgumentException("kind must be '" + kind + "'");
        }
    }

    static ArrayNode rounds(List<RoundRule> rounds) {
        ArrayNode a = array();
        for (RoundRule r : rounds) {
            ObjectNode x = a.addObject();
            x.put("name", r.name());
            x.put("startsAt", time(r.startsAt()));
            x.put("endsAt", time(r.endsAt()));
            x.put("coverage", r.coverage().code());
        }
        return a;
    }

    static List<RoundRule> rounds(JsonNode n) {
        return list(n, "rounds", r -> new RoundRule(text(r, "name"), time(r, "startsAt"), time(r, "endsAt"),
                Coverage.fromCode(text(r, "coverage"))));
    }

    public static ArrayNode officers(List<RosterEntry> officers) {
        ArrayNode a = array();
        for (RosterEntry e : officers) {
            ObjectNode x = a.addObject();
            x.put("id", e.officerId());
            x.set("workingDays", longs(e.workingDays()));
            ArrayNode abs = x.putArray("absences");
            for (DateRange d : e.absences()) {
                abs.addObject().put("from", d.from().toString()).put("to", d.to().toString());
            }
            x.set("conflictCentreIds", longs(e.conflictCentreIds()));
        }
        return a;
    }

    public static List<RosterEntry> officers(JsonNode n) {
        return list(n, "officers", o -> new RosterEntry(longField(o, "id"), list(o, "workingDays", x -> (int) Json.asLong(x)),
                list(o, "absences", d -> new DateRange(date(d, "from"), date(d, "to"))),
                list(o, "conflictCentreIds", Json::asLong)));
    }

    static ArrayNode pairs(List<Pair> pairs) {
        ArrayNode a = array();
        for (Pair p : pairs) {
            a.addObject().put("officerId", p.officerId()).put("centreId", p.centreId());
        }
        return a;
    }

    static List<Pair> pairs(JsonNode n) {
        return list(n, "previousPairs", p -> new Pair(longField(p, "officerId"), longField(p, "centreId")));
    }

    public static ArrayNode unmet(List<Unmet> unmet) {
        ArrayNode a = array();
        for (Unmet u : unmet) {
            ObjectNode x = a.addObject();
            x.put("rule", u.rule());
            if (u.round() == null) {
                x.putNull("round");
            } else {
                x.put("round", u.round());
            }
            if (u.centreId() == null) {
                x.putNull("centreId");
            } else {
                x.put("centreId", u.centreId());
            }
            if (u.officerId() == null) {
                x.putNull("officerId");
            } else {
                x.put("officerId", u.officerId());
            }
            x.put("detail", u.detail());
        }
        return a;
    }
}
