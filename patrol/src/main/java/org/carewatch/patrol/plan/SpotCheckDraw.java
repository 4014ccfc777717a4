package org.carewatch.patrol.plan;

import static org.carewatch.patrol.draw.Json.date;
import static org.carewatch.patrol.draw.Json.intField;
import static org.carewatch.patrol.draw.Json.list;
import static org.carewatch.patrol.draw.Json.longField;
import static org.carewatch.patrol.draw.Json.longs;
import static org.carewatch.patrol.draw.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.carewatch.patrol.draw.Canonical;
import org.carewatch.patrol.draw.DrawRandom;
import org.carewatch.patrol.draw.Json;
import org.carewatch.patrol.draw.Seed;
import org.carewatch.patrol.plan.DayJson;
import org.carewatch.patrol.plan.RosterEntry;
import org.carewatch.patrol.plan.Unmet;

/**
 * Field spot checks (飞行抽查, 每周现场随机检查): draws {@code ceil(share × N)} of the N centres open on at least
 * one day of the range, weighted towards risk (weight = 1 + findings + overdue alerts of the last 90 days,
 * frozen in the inputs), a day in the range when the centre is open, and at least
 * {@code inspectorsPerCheck} inspectors who work that day, are not absent and declared no conflict, least
 * loaded first. Integer arithmetic only. Streams: {@code spot/select} (weighted draws without replacement:
 * {@code below(total weight)} picks along the centres in id order), {@code spot/date}, {@code spot/inspectors}.
 */
public final class SpotCheckDraw {
    public static final String KIND = "spot-check";

    private SpotCheckDraw() {
    }

    public record CentreRisk(long centreId, List<Integer> openDays, int findings, int overdue) {
        public CentreRisk {
            openDays = openDays.stream().sorted().distinct().toList();
        }

        long weight() {
            return 1L + findings + overdue;
        }
    }

    public record Input(long districtId, String timeZone, LocalDate from, LocalDate to, String share, LocalDate riskSince,
                        int inspectorsPerCheck, List<CentreRisk> centres, List<RosterEntry> officers) {
        public Input {
            share = normalise(share);
            centres = centres.stream().sorted(Comparator.comparingLong(CentreRisk::centreId)).toList();
            officers = officers.stream().sorted(Comparator.comparingLong(RosterEntry::officerId)).toList();
        }
    }

    public record Check(long centreId, LocalDate date, List<Long> inspectorIds) {
    }

    public record Result(List<Check> checks, List<Unmet> unmet) {
    }

    /** A share as the canonical decimal string: 0 &lt; share ≤ 1, no trailing zeros. */
    public static String normalise(String share) {
        BigDecimal s;
        try {
            s = new BigDecimal(share);
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("share must be a decimal number");
        }
        if (s.signum() <= 0 || s.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("share must be above 0 and at most 1");
        }
        return s.stripTrailingZeros().toPlainString();
    }

    public static Result draw(Input in, Seed seed) {
        List<CentreRisk> eligible = new ArrayList<>();
        for (CentreRisk c : in.centres()) {
            if (!openDays(c, in.from(), in.to()).isEmpty()) {
                eligible.add(c);
            }
        }
        int k = new BigDecimal(in.share()).multiply(BigDecimal.valueOf(eligible.size())).setScale(0, RoundingMode.CEILING).intValue();
        DrawRandom select = DrawRandom.stream(seed, "spot/select");
        List<CentreRisk> pool = new ArrayList<>(eligible);
        List<CentreRisk> chosen = new ArrayList<>();
        for (int i = 0; i < k && !pool.isEmpty(); i++) {
            long total = pool.stream().mapToLong(CentreRisk::weight).sum();
            long r = select.below(total);
            int j = 0;
            while (r >= pool.get(j).weight()) {
                r -= pool.get(j).weight();
                j++;
            }
            chosen.add(pool.remove(j));
        }
        DrawRandom dates = DrawRandom.stream(seed, "spot/date");
        DrawRandom pick = DrawRandom.stream(seed, "spot/inspectors");
        java.util.Map<Long, Integer> load = new java.util.HashMap<>();
        List<Check> checks = new ArrayList<>();
        List<Unmet> unmet = new ArrayList<>();
        for (CentreRisk c : chosen) {
            List<LocalDate> days = openDays(c, in.from(), in.to());
            LocalDate day = days.get(dates.below(days.size()));
            List<RosterEntry> ok = new ArrayList<>(in.officers().stream()
                    .filter(o -> o.availableOn(day) && !o.conflictsWith(c.centreId())).toList());
            pick.shuffle(ok);
            ok.sort(Comparator.comparingInt(o -> load.getOrDefault(o.officerId(), 0)));
            List<Long> inspectors = ok.stream().limit(in.inspectorsPerCheck()).map(RosterEntry::officerId).sorted().toList();
            inspectors.forEach(id -> load.merge(id, 1, Integer::sum));
            if (inspectors.size() < in.inspectorsPerCheck()) {
                unmet.add(new Unmet(Unmet.INSPECTORS, null, c.centreId(), null, "only " + inspectors.size() + " of "
                        + in.inspectorsPerCheck() + " inspectors are free of conflicts and available on " + day));
            }
            checks.add(new Check(c.centreId(), day, inspectors));
        }
        return new Result(checks, unmet);
    }

    private static List<LocalDate> openDays(CentreRisk c, LocalDate from, LocalDate to) {
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (c.openDays().contains(d.getDayOfWeek().getValue())) {
                out.add(d);
            }
        }
        return out;
    }

    // ---- published form ----

    public static ObjectNode inputs(Input in) {
        ObjectNode o = Canonical.object();
        o.put("format", DayJson.FORMAT);
        o.put("kind", KIND);
        o.put("districtId", in.districtId());
        o.put("timeZone", in.timeZone());
        o.put("from", in.from().toString());
        o.put("to", in.to().toString());
        o.put("share", in.share());
        o.put("riskSince", in.riskSince().toString());
        o.put("inspectorsPerCheck", in.inspectorsPerCheck());
        ArrayNode centres = o.putArray("centres");
        for (CentreRisk c : in.centres()) {
            ObjectNode x = centres.addObject();
            x.put("id", c.centreId());
            x.set("openDays", longs(c.openDays()));
            x.put("findings", c.findings());
            x.put("overdue", c.overdue());
        }
        o.set("officers", officersJson(in.officers()));
        return o;
    }

    public static Input input(JsonNode n) {
        if (!DayJson.FORMAT.equals(n.path("format").asText()) || !KIND.equals(n.path("kind").asText())) {
            throw new IllegalArgumentException("not a " + DayJson.FORMAT + " spot-check document");
        }
        // Officers are written exactly as in a day's inputs: reuse that reader through a day-shaped view.
        ObjectNode view = Canonical.object();
        view.set("officers", Json.field(n, "officers"));
        return new Input(longField(n, "districtId"), text(n, "timeZone"), date(n, "from"), date(n, "to"), text(n, "share"),
                date(n, "riskSince"), intField(n, "inspectorsPerCheck"),
                list(n, "centres", c -> new CentreRisk(longField(c, "id"), list(c, "openDays", x -> (int) Json.asLong(x)),
                        intField(c, "findings"), intField(c, "overdue"))),
                DayJson.officers(view));
    }

    public static ObjectNode result(Input in, Result res) {
        ObjectNode o = Canonical.object();
        o.put("format", DayJson.FORMAT);
        o.put("kind", KIND);
        o.put("districtId", in.districtId());
        o.put("from", in.from().toString());
        o.put("to", in.to().toString());
        ArrayNode checks = o.putArray("checks");
        for (Check c : res.checks()) {
            ObjectNode x = checks.addObject();
            x.put("centreId", c.centreId());
            x.put("date", c.date().toString());
            x.set("inspectorIds", longs(c.inspectorIds()));
        }
        o.set("unmet", DayJson.unmet(res.unmet()));
        return o;
    }

    private static ArrayNode officersJson(List<RosterEntry> officers) {
        return DayJson.officers(officers);
    }
}
