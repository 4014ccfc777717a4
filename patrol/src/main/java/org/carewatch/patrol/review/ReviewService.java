package org.carewatch.patrol.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.carewatch.core.centres.Centre;
import org.carewatch.core.centres.CentreRepository;
import org.carewatch.core.errors.ConflictException;
import org.carewatch.core.errors.ForbiddenException;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.patrol.access.Access;
import org.carewatch.patrol.classes.CentreClass;
import org.carewatch.patrol.classes.ClassRepository;
import org.carewatch.patrol.draw.Canonical;
import org.carewatch.patrol.frames.FrameRepository;
import org.carewatch.patrol.frames.PatrolFrame;
import org.carewatch.patrol.plan.DayJson;
import org.carewatch.patrol.rotation.DayRounds;
import org.carewatch.patrol.rotation.RotationRepository;
import org.carewatch.patrol.rotation.VisitStatus;
import org.carewatch.patrol.rules.RulesRepository;
import org.carewatch.profiles.sensor.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The officer's review of a visit: today's queue, one visit with its frames and classes, and the verdict
 * ({@code normal} or findings, each finding an alert to the centre). Officers, administrators and auditors
 * read their district's visits; only the officer the visit is assigned to records its verdict (403 for
 * anyone else in the district); facility staff never see visits (404, as if none existed), nor does another
 * district (404).
 */
public final class ReviewService {
    private static final Logger log = LoggerFactory.getLogger(ReviewService.class);
    public static final int MAX_NOTE = 2000;
    public static final int MAX_FINDINGS = 20;
    public static final int MAX_FRAMES = 100;
    public static final int MAX_COUNTS = 20;
    public static final int MAX_COUNT = 500;

    private final ReviewRepository reviews;
    private final RotationRepository rotations;
    private final RulesRepository rules;
    private final CentreRepository centres;
    private final ClassRepository classes;
    private final FrameRepository frames;
    private final FindingAlerts alerts;
    private final RatioLimits limits;
    private final Clock clock;

    public ReviewService(ReviewRepository reviews, RotationRepository rotations, RulesRepository rules, CentreRepository centres,
                         ClassRepository classes, FrameRepository frames, FindingAlerts alerts, RatioLimits limits, Clock clock) {
        this.reviews = reviews;
        this.rotations = rotations;
        this.rules = rules;
        this.centres = centres;
        this.classes = classes;
        this.frames = frames;
        this.alerts = alerts;
        this.limits = limits;
        this.clock = clock;
    }

    public RatioLimits limits() {
        return limits;
    }

    /** The caller's visits of today in the district's time zone, by round and order (district roles; facility staff 403). */
    public QueueView queue(Principal who) throws SQLException {
        long district = Access.districtOf(who);
        LocalDate today = LocalDate.now(clock.withZone(rules.get(district).zone()));
        List<RotationRepository.StoredDraw> draws = rotations.current(district, today);
        if (draws.isEmpty()) {
            return new QueueView(today, district, who.userId(), List.of());
        }
        DayRounds rounds = DayRounds.of(draws.get(0));
        List<RotationRepository.StoredVisit> mine = rotations.visits(district, today).stream()
                .filter(v -> v.officerId() == who.userId() && v.status() != VisitStatus.REASSIGNED).toList();
        Map<Long, String> verdicts = reviews.verdicts(mine.stream().map(RotationRepository.StoredVisit::id).toList());
        Map<Long, String> names = new HashMap<>();
        for (Centre c : centres.listByDistrict(district, true)) {
            names.put(c.id(), c.name());
        }
        List<QueueView.Item> items = new ArrayList<>();
        for (RotationRepository.StoredVisit v : mine) {
            items.add(new QueueView.Item(v.id(), v.centreId(), names.getOrDefault(v.centreId(), "#" + v.centreId()), round(rounds, v.round()),
                    v.position(), v.status(), verdicts.get(v.id())));
        }
        return new QueueView(today, district, who.userId(), items);
    }

    /** One visit of the caller's district with its frames, classes and verdict. */
    public VisitView visit(Principal who, long visitId) throws SQLException {
        return view(readable(who, visitId));
    }

    /**
     * Records the verdict of the caller's own visit (officers only), marks it reviewed and raises each finding's
     * alert. A visit already reviewed or reassigned, or whose day has not started, is 409; a bad body is 400 naming the field.
     */
    public VisitView recordVerdict(Principal who, long visitId, VerdictInput in) throws SQLException {
        ReviewRepository.VisitRow v = readable(who, visitId);
        who.requireRole(Role.OFFICER);
        if (v.officerId() != who.userId()) {
            throw new ForbiddenException("visit " + visitId + " is assigned to another officer; only they record its verdict");
        }
        if (v.status() != VisitStatus.PLANNED) {
            throw new ConflictException("visit " + visitId + " is " + v.status().code() + "; its verdict can no longer be recorded");
        }
        List<RotationRepository.StoredDraw> draws = rotations.current(v.districtId(), v.day());
        if (!draws.isEmpty() && clock.instant().isBefore(v.day().atStartOfDay(DayRounds.of(draws.get(0)).zone()).toInstant())) {
            throw new ConflictException("visit " + visitId + " is on " + v.day() + ", which has not started; it can be reviewed on its day");
        }
        if (in == null || in.verdict() == null) {
            throw new InvalidInputException("verdict", "is required: normal or findings");
        }
        List<ReviewRepository.NewFinding> findings = switch (in.verdict()) {
            case "normal" -> {
                if (in.findings() != null && !in.findings().isEmpty()) {
                    throw new InvalidInputException("findings", "must be empty for a normal verdict");
                }
                yield List.of();
            }
            case "findings" -> findings(v, in.findings());
            default -> throw new InvalidInputException("verdict", "must be normal or findings");
        };
        List<Long> ids = reviews.record(v.id(), v.districtId(), v.centreId(), who.userId(), in.verdict(), findings);
        for (int i = 0; i < ids.size(); i++) {
            ReviewRepository.NewFinding f = findings.get(i);
            var pending = new ReviewRepository.Pending(ids.get(i), v.id(), v.districtId(), v.centreId(), who.userId(), f.category(),
                    f.severity(), f.note(), f.frameIds(), null);
            try {
                alerts.raise(who, pending, extra(f));
            } catch (SQLException | RuntimeException e) {
                // The verdict stands; the review schedule raises the alert on its next run (same reference, one alert).
                log.warn("alert of finding {} (visit {}) not raised yet, retried by the review schedule: {}", ids.get(i), v.id(), e.toString());
            }
        }
        return view(reviews.visit(visitId).orElseThrow());
    }

    private static Map<String, Object> extra(ReviewRepository.NewFinding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean flagged = f.counts().stream().anyMatch(Finding.Count::flagged);
        m.put("flaggedForReview", flagged);
        List<Map<String, Object>> counts = new ArrayList<>();
        for (Finding.Count c : f.counts()) {
            counts.add(Map.of("classId", c.classId(), "adults", c.adults(), "children", c.children(), "ratioFlag", c.ratioFlag(),
                    "sizeFlag", c.sizeFlag()));
        }
        m.put("counts", counts);
        return m;
    }

    /** The visit if the caller may read it: district roles of its district; 404 for facility staff and other districts. */
    private ReviewRepository.VisitRow readable(Principal who, long visitId) throws SQLException {
        NotFoundException missing = new NotFoundException("visit " + visitId + " not found");
        if (who.role() == Role.FACILITY) {
            throw missing;
        }
        long district = Access.districtOf(who);
        return reviews.visit(visitId).filter(v -> v.districtId() == district).orElseThrow(() -> missing);
    }

    private List<ReviewRepository.NewFinding> findings(ReviewRepository.VisitRow v, List<VerdictInput.FindingInput> in) throws SQLException {
        if (in == null || in.isEmpty()) {
            throw new InvalidInputException("findings", "must list at least one finding for a findings verdict");
        }
        if (in.size() > MAX_FINDINGS) {
            throw new InvalidInputException("findings", "at most " + MAX_FINDINGS + " findings per verdict");
        }
        Set<Long> frameIds = new HashSet<>();
        for (PatrolFrame f : frames.forCentreRound(v.districtId(), v.day(), v.round(), v.centreId())) {
            frameIds.add(f.id());
        }
        Map<Long, CentreClass> classOf = new HashMap<>();
        for (CentreClass c : classes.list(v.centreId())) {
            classOf.put(c.id(), c);
        }
        List<ReviewRepository.NewFinding> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            String at = "findings[" + i + "]";
            VerdictInput.FindingInput f = in.get(i);
            if (f == null) {
                throw new InvalidInputException(at, "is required");
            }
            FindingCategory category = f.category() == null ? null : FindingCategory.fromCode(f.category()).orElse(null);
            if (category == null) {
                throw new InvalidInputException(at + ".category", "must be one of " + FindingCategory.codes());
            }
            Severity severity = severity(at + ".severity", f.severity());
            if (category == FindingCategory.SUSPECTED_ABUSE) {
                severity = Severity.CRITICAL; // top priority whatever was chosen
            }
            String note = f.note() == null ? "" : f.note().strip();
            if (note.length() > MAX_NOTE) {
                throw new InvalidInputException(at + ".note", "must be at most " + MAX_NOTE + " characters");
            }
            List<Long> fids = f.frameIds() == null ? List.of() : f.frameIds();
            if (fids.size() > MAX_FRAMES) {
                throw new InvalidInputException(at + ".frameIds", "at most " + MAX_FRAMES + " frames per finding");
            }
            List<Long> distinct = new ArrayList<>();
            for (int k = 0; k < fids.size(); k++) {
                Long id = fids.get(k);
                if (id == null || !frameIds.contains(id)) {
                    throw new InvalidInputException(at + ".frameIds[" + k + "]", "is not a frame of this visit's centre and round");
                }
                if (!distinct.contains(id)) {
                    distinct.add(id);
                }
            }
            List<VerdictInput.CountInput> cin = f.counts() == null ? List.of() : f.counts();
            if (cin.size() > MAX_COUNTS) {
                throw new InvalidInputException(at + ".counts", "at most " + MAX_COUNTS + " counts per finding");
            }
            List<Finding.Count> counts = new ArrayList<>();
            for (int k = 0; k < cin.size(); k++) {
                String cat = at + ".counts[" + k + "]";
                VerdictInput.CountInput c = cin.get(k);
                if (c == null) {
                    throw new InvalidInputException(cat, "is required");
                }
                CentreClass cls = c.classId() == null ? null : classOf.get(c.classId());
                if (cls == null) {
                    throw new InvalidInputException(cat + ".classId", "must be a class of this visit's centre");
                }
                int adults = count(cat + ".adults", c.adults());
                int children = count(cat + ".children", c.children());
                RatioCheck.Flags flags = RatioCheck.check(cls.ageGroup(), adults, children, limits);
                counts.add(new Finding.Count(cls.id(), adults, children, flags.ratio(), flags.size()));
            }
            out.add(new ReviewRepository.NewFinding(category, severity.id(), note, distinct, counts));
        }
        return out;
    }

    private static int count(String field, Integer n) {
        if (n == null) {
            throw new InvalidInputException(field, "is required");
        }
        if (n < 0 || n > MAX_COUNT) {
            throw new InvalidInputException(field, "must be between 0 and " + MAX_COUNT);
        }
        return n;
    }

    private static Severity severity(String field, String raw) {
        if (raw == null) {
            return Severity.MAJOR;
        }
        for (Severity s : Severity.values()) {
            if (s.id().equals(raw.strip().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new InvalidInputException(field, "must be one of critical, major, minor, warning");
    }

    private VisitView view(ReviewRepository.VisitRow v) throws SQLException {
        List<RotationRepository.StoredDraw> draws = rotations.current(v.districtId(), v.day());
        var main = draws.get(0);
        DayRounds rounds = DayRounds.of(main);
        int maxAgeMinutes = DayJson.input(Canonical.parse(main.record().inputsJson())).maxFrameAgeMinutes();
        Centre centre = centres.find(v.centreId()).orElseThrow();
        Instant now = clock.instant();
        List<VisitView.FrameRef> fr = new ArrayList<>();
        for (PatrolFrame f : frames.forCentreRound(v.districtId(), v.day(), v.round(), v.centreId())) {
            Long age = f.takenAt() == null ? null : Math.max(0, Duration.between(f.takenAt(), now).toSeconds());
            boolean hasPicture = f.takenAt() != null && f.purgedAt() == null;
            fr.add(new VisitView.FrameRef(f.id(), f.cameraId(), f.takenAt(), age, age != null && age > maxAgeMinutes * 60L, f.width(),
                    f.height(), quality(f.quality()), f.problem(), f.purgedAt() != null, f.protectedByAlert() != null,
                    hasPicture ? "/api/v1/patrols/frames/" + f.id() + ".jpg" : null));
        }
        VisitView.VerdictView verdict = reviews.verdict(v.id())
                .map(x -> new VisitView.VerdictView(x.verdict(), x.officerId(), x.recordedAt(), x.findings())).orElse(null);
        return new VisitView(v.id(), v.day(), v.districtId(), v.officerId(), v.position(), v.status(), new VisitView.CentreRef(centre.id(),
                centre.name()), round(rounds, v.round()), fr, classes.list(v.centreId()), verdict);
    }

    private static VisitView.RoundRef round(DayRounds rounds, int index) {
        var r = rounds.round(index);
        return new VisitView.RoundRef(index, r.name(), r.startsAt(), r.endsAt(), rounds.startsAt(index), rounds.endsAt(index));
    }

    private static JsonNode quality(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Canonical.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
