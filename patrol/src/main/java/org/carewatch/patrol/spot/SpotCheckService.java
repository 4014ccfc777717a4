package org.carewatch.patrol.spot;

import org.carewatch.patrol.plan.SpotCheckDraw;
import org.carewatch.patrol.access.Access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.carewatch.core.centres.Centre;
import org.carewatch.core.centres.CentreRepository;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.users.Principal;
import org.carewatch.patrol.draw.Canonical;
import org.carewatch.patrol.draw.Seed;
import org.carewatch.patrol.publish.DrawRecord;
import org.carewatch.patrol.publish.Exports;
import org.carewatch.patrol.publish.Verification;
import org.carewatch.patrol.publish.Verifier;
import org.carewatch.patrol.risk.CentreRisk;
import org.carewatch.patrol.roster.OfficerRoster;
import org.carewatch.patrol.roster.RosterRepository;
import org.carewatch.patrol.rules.RotationRules;
import org.carewatch.patrol.rules.RulesRepository;

/**
 * Field spot checks (飞行抽查): administrators draw a share of their district's centres for a date range,
 * weighted towards the last 90 days' findings and overdue alerts; district roles read them; recorded and
 * verifiable like a day's draw, with the seed shown from the start of the range's first day.
 */
public final class SpotCheckService {
    public static final int RISK_DAYS = 90;
    public static final int MAX_RANGE_DAYS = 184;

    private final SpotCheckRepository checks;
    private final RulesRepository rules;
    private final RosterRepository rosters;
    private final CentreRepository centres;
    private final CentreRisk risk;
    private final Clock clock;

    public SpotCheckService(SpotCheckRepository checks, RulesRepository rules, RosterRepository rosters, CentreRepository centres,
                            CentreRisk risk, Clock clock) {
        this.checks = checks;
        this.rules = rules;
        this.rosters = rosters;
        this.centres = centres;
        this.risk = risk;
        this.clock = clock;
    }

    public SpotCheckView draw(Principal who, Long districtId, String share, LocalDate from, LocalDate to, String seedHex) throws SQLException {
        if (districtId == null) {
            throw new InvalidInputException("districtId", "is required");
        }
        Access.requireDistrict(who, districtId, "district " + districtId);
        Access.adminDistrict(who);
        if (share == null) {
            throw new InvalidInputException("share", "is required: a decimal above 0 and at most 1, e.g. 0.1");
        }
        String normal;
        try {
            normal = SpotCheckDraw.normalise(share);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("share", e.getMessage());
        }
        if (from == null) {
            throw new InvalidInputException("from", "is required (YYYY-MM-DD)");
        }
        if (to == null) {
            throw new InvalidInputException("to", "is required (YYYY-MM-DD)");
        }
        if (to.isBefore(from)) {
            throw new InvalidInputException("to", "must not be before 'from'");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_RANGE_DAYS) {
            throw new InvalidInputException("to", "a range is at most " + MAX_RANGE_DAYS + " days");
        }
        Seed seed = seedHex == null ? Seed.random() : Seed.parseHex(seedHex, "seed");
        RotationRules r = rules.get(districtId);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, r.zone());
        LocalDate riskSince = today.minusDays(RISK_DAYS);
        Map<Long, CentreRisk.Counts> counts = risk.since(who, riskSince.atStartOfDay(r.zone()).toInstant());
        List<SpotCheckDraw.CentreRisk> cs = new ArrayList<>();
        for (Centre c : centres.listByDistrict(districtId, false)) {
            CentreRisk.Counts k = counts.getOrDefault(c.id(), new CentreRisk.Counts(0, 0));
            cs.add(new SpotCheckDraw.CentreRisk(c.id(), c.openDays(), k.findings(), k.overdue()));
        }
        SpotCheckDraw.Input in = new SpotCheckDraw.Input(districtId, r.timeZone(), from, to, normal, riskSince, r.inspectorsPerCheck(), cs,
                rosters.list(districtId).stream().map(OfficerRoster::entry).toList());
        SpotCheckDraw.Result res = SpotCheckDraw.draw(in, seed);
        DrawRecord rec = DrawRecord.of(SpotCheckDraw.inputs(in), seed, SpotCheckDraw.result(in, res));
        long id = checks.save(districtId, in, seed, rec, res, from.atStartOfDay(r.zone()).toInstant(), who.username());
        return get(who, id);
    }

    public SpotCheckView get(Principal who, long id) throws SQLException {
        SpotCheckRepository.Stored s = stored(who, id);
        boolean shown = !clock.instant().isBefore(s.revealAt());
        List<JsonNode> unmet = new ArrayList<>();
        Canonical.parse(s.record().planJson()).path("unmet").forEach(unmet::add);
        return new SpotCheckView(s.id(), s.districtId(), s.from(), s.to(), s.share(), s.record().seedCommitment(), s.record().inputsDigest(),
                shown ? s.seed().hex() : null, s.revealAt(), s.visits(), unmet, s.createdBy(), s.createdAt());
    }

    public ObjectNode export(Principal who, long id) throws SQLException {
        SpotCheckRepository.Stored s = stored(who, id);
        return Exports.spotCheck(clock.instant().isBefore(s.revealAt()) ? s.record().hideSeed() : s.record());
    }

    public Verification verify(Principal who, long id) throws SQLException {
        return Verifier.verify(export(who, id));
    }

    private SpotCheckRepository.Stored stored(Principal who, long id) throws SQLException {
        long district = Access.districtOf(who);
        return checks.find(id).filter(s -> s.districtId() == district)
                .orElseThrow(() -> new NotFoundException("spot check " + id + " not found"));
    }
}
