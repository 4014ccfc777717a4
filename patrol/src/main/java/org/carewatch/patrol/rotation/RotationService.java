package org.carewatch.patrol.rotation;

import org.carewatch.patrol.access.Access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carewatch.core.centres.Centre;
import org.carewatch.core.centres.CentreRepository;
import org.carewatch.core.errors.ConflictException;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.users.Principal;
import org.carewatch.patrol.draw.Canonical;
import org.carewatch.patrol.draw.Seed;
import org.carewatch.patrol.plan.CentreSpec;
import org.carewatch.patrol.plan.DayInput;
import org.carewatch.patrol.plan.DayJson;
import org.carewatch.patrol.plan.DayPlan;
import org.carewatch.patrol.plan.Planner;
import org.carewatch.patrol.plan.Replan;
import org.carewatch.patrol.plan.RosterEntry;
import org.carewatch.patrol.publish.DrawRecord;
import org.carewatch.patrol.publish.Exports;
import org.carewatch.patrol.publish.Verification;
import org.carewatch.patrol.publish.Verifier;
import org.carewatch.patrol.roster.OfficerRoster;
import org.carewatch.patrol.roster.RosterRepository;
import org.carewatch.patrol.rules.RotationRules;
import org.carewatch.patrol.rules.RulesRepository;

/**
 * The daily rotation (每日网上轮巡): drawing a day (双随机), re-drawing an absent officer's unfinished visits,
 * and showing, exporting and verifying what was drawn (双随机一公开). District roles see their district's days;
 * only administrators draw, re-draw a day that has not started, and mark absences; facility staff see none
 * of it. A seed is shown from the start of its day (in the district's time zone).
 */
public final class RotationService {
    private final RotationRepository rotations;
    private final RulesRepository rules;
    private final RosterRepository rosters;
    private final CentreRepository centres;
    private final Clock clock;

    public RotationService(RotationRepository rotations, RulesRepository rules, RosterRepository rosters, CentreRepository centres,
                           Clock clock) {
        this.rotations = rotations;
        this.rules = rules;
        this.rosters = rosters;
        this.centres = centres;
        this.clock = clock;
    }

    /** Draws (or re-draws, before it starts) a day; {@code seedHex} null draws a fresh random seed. */
    public RotationView draw(Principal who, LocalDate date, String seedHex) throws SQLException {
        long district = Access.adminDistrict(who);
        Seed seed = seedHex == null ? Seed.random() : Seed.parseHex(seedHex, "seed");
        RotationRules r = rules.get(district);
        ZoneId zone = r.zone();
        Instant dayStart = date.atStartOfDay(zone).toInstant();
        List<RotationRepository.StoredDraw> existing = rotations.current(district, date);
        if (!existing.isEmpty() && !clock.instant().isBefore(dayStart)) {
            throw new ConflictException("the rotation of " + date + " has started and can no longer be re-drawn; mark absences instead");
        }
        if (date.isBefore(LocalDate.now(clock.withZone(zone)))) {
            throw new InvalidInputException("date", "is in the past");
        }
        DayInput in = new DayInput(district, r.timeZone(), date, r.rounds(), r.maxFrameAgeMinutes(), r.sampleLeadMinutes(),
                rosters.list(district).stream().map(OfficerRoster::entry).toList(), centreSpecs(district),
                rotations.pairs(district, date.minusDays(1)));
        DayPlan plan = Planner.plan(in, seed);
        DrawRecord rec = DrawRecord.of(DayJson.inputs(in), seed, DayJson.plan(in, plan));
        rotations.saveDay(district, date, seed, rec, plan, dayStart, who.username());
        return view(who, date);
    }

    /**
     * Marks an officer absent on the day and re-draws their unfinished visits among the others (a re-draw with
     * its own seed, shown once the day has started). Finished visits stay where they are.
     */
    public RotationView markAbsent(Principal who, LocalDate date, long officerId) throws SQLException {
        long district = Access.adminDistrict(who);
        rosters.find(officerId).filter(o -> o.districtId() == district)
                .orElseThrow(() -> new InvalidInputException("officerId", "no officer " + officerId + " in your district"));
        List<RotationRepository.StoredDraw> draws = drawsOf(district, date);
        rosters.addAbsence(officerId, date);
        List<Replan.Visit> visits = new ArrayList<>();
        boolean anyToMove = false;
        for (RotationRepository.StoredVisit v : rotations.visits(district, date)) {
            if (v.status() == VisitStatus.REASSIGNED) {
                continue;
            }
            boolean finished = v.status() == VisitStatus.REVIEWED;
            visits.add(new Replan.Visit(v.round(), v.centreId(), v.officerId(), finished));
            anyToMove |= v.officerId() == officerId && !finished;
        }
        if (anyToMove) {
            DayInput day = DayJson.input(Canonical.parse(draws.get(0).record().inputsJson()));
            List<RosterEntry> roster = rosters.list(district).stream().map(OfficerRoster::entry).toList();
            Replan.Input in = new Replan.Input(district, day.timeZone(), date, officerId, day.rounds(), roster, visits, day.previousPairs());
            Seed seed = Seed.random();
            Replan.Result res = Replan.plan(in, seed);
            DrawRecord rec = DrawRecord.of(Replan.inputs(in), seed, Replan.result(in, res));
            rotations.saveReplan(district, date, seed, rec, res.moves(), date.atStartOfDay(ZoneId.of(day.timeZone())).toInstant(),
                    who.username());
        }
        return view(who, date);
    }

    public RotationView view(Principal who, LocalDate date) throws SQLException {
        long district = Access.districtOf(who);
        List<RotationRepository.StoredDraw> draws = drawsOf(district, date);
        RotationRepository.StoredDraw main = draws.get(0);
        boolean revealed = !clock.instant().isBefore(main.revealAt());
        DayInput in = DayJson.input(Canonical.parse(main.record().inputsJson()));
        Map<Long, String> names = new HashMap<>();
        rosters.list(district).forEach(o -> names.put(o.id(), o.username()));
        List<RotationRepository.StoredVisit> visits = rotations.visits(district, date);
        List<RotationView.Round> rounds = new ArrayList<>();
        for (int i = 0; i < in.rounds().size(); i++) {
            Map<Long, List<RotationView.Visit>> byOfficer = new LinkedHashMap<>();
            for (RotationRepository.StoredVisit v : visits) {
                if (v.round() == i) {
                    byOfficer.computeIfAbsent(v.officerId(), k -> new ArrayList<>())
                            .add(new RotationView.Visit(v.id(), v.centreId(), v.position(), v.status()));
                }
            }
            List<RotationView.Assignment> as = new ArrayList<>();
            byOfficer.forEach((o, list) -> as.add(new RotationView.Assignment(o, names.getOrDefault(o, "#" + o), list)));
            var rr = in.rounds().get(i);
            rounds.add(new RotationView.Round(i, rr.name(), rr.startsAt(), rr.endsAt(), as));
        }
        List<JsonNode> unmet = new ArrayList<>();
        List<RotationView.Redraw> redraws = new ArrayList<>();
        for (RotationRepository.StoredDraw d : draws) {
            Canonical.parse(d.record().planJson()).path("unmet").forEach(unmet::add);
            if (d.seq() > 0) {
                long absent = Canonical.parse(d.record().inputsJson()).path("absentOfficerId").asLong();
                boolean shown = !clock.instant().isBefore(d.revealAt());
                redraws.add(new RotationView.Redraw(d.seq(), absent, d.record().seedCommitment(), d.record().inputsDigest(),
                        shown ? d.seed().hex() : null, d.createdAt()));
            }
        }
        return new RotationView(date, district, main.record().seedCommitment(), main.record().inputsDigest(),
                revealed ? main.seed().hex() : null, main.revealAt(), rounds, unmet, redraws);
    }

    /** The day as one JSON document: frozen inputs, digest, commitment, seed (null until revealed) and plan, with re-draws. */
    public ObjectNode export(Principal who, LocalDate date) throws SQLException {
        long district = Access.districtOf(who);
        List<RotationRepository.StoredDraw> draws = drawsOf(district, date);
        Instant now = clock.instant();
        List<DrawRecord> records = new ArrayList<>();
        for (RotationRepository.StoredDraw d : draws) {
            records.add(now.isBefore(d.revealAt()) ? d.record().hideSeed() : d.record());
        }
        return Exports.day(records.get(0), records.subList(1, records.size()));
    }

    /** Verifies the export as anyone holding it would (so false, "not revealed yet", before the day starts). */
    public Verification verify(Principal who, LocalDate date) throws SQLException {
        return Verifier.verify(export(who, date));
    }

    private List<RotationRepository.StoredDraw> drawsOf(long district, LocalDate date) throws SQLException {
        List<RotationRepository.StoredDraw> draws = rotations.current(district, date);
        if (draws.isEmpty()) {
            throw new NotFoundException("no rotation drawn for " + date);
        }
        return draws;
    }

    private List<CentreSpec> centreSpecs(long district) throws SQLException {
        List<CentreSpec> out = new ArrayList<>();
        for (Centre c : centres.listByDistrict(district, false)) {
            out.add(new CentreSpec(c.id(), c.openDays(), c.opensAt(), c.closesAt(), c.napStartsAt(), c.napEndsAt()));
        }
        return out;
    }
}
