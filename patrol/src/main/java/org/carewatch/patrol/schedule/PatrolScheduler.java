package org.carewatch.patrol.schedule;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.carewatch.core.districts.District;
import org.carewatch.core.districts.DistrictRepository;
import org.carewatch.core.users.Principal;
import org.carewatch.patrol.access.Access;
import org.carewatch.patrol.frames.FramePurge;
import org.carewatch.patrol.frames.FrameSampler;
import org.carewatch.patrol.rotation.RotationRepository;
import org.carewatch.patrol.rotation.RotationService;
import org.carewatch.patrol.rotation.RotationView;
import org.carewatch.patrol.rules.RotationRules;
import org.carewatch.patrol.rules.RulesRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The patrol's clock: every tick (a minute) it draws each district's plan for the next day once the district's
 * local time has passed {@code patrol.drawAt} (if nobody drew it yet), and gives each round of today's plan a
 * sampling moment ({@link SampleMoment}) inside the district's sampling lead, sampling at once a round whose
 * moment passed while the node was down (until the round ends). The purge of old frames runs every
 * {@code purgeEvery}. Everything runs on virtual threads; a failure is logged (WARN) and the next tick goes on.
 */
public final class PatrolScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PatrolScheduler.class);

    private final DistrictRepository districts;
    private final RulesRepository rules;
    private final RotationService rotations;
    private final RotationRepository rotationStore;
    private final FrameSampler sampler;
    private final FramePurge purge;
    private final LocalTime drawAt;
    private final Clock clock;
    private final SampleMoment moments = new SampleMoment(new SecureRandom());
    /** Rounds (district/day/round) that have a sampling moment on this node. */
    private final Set<String> planned = ConcurrentHashMap.newKeySet();
    /** Planning and the demo's start decide about the same rounds: one at a time. */
    private final Object lock = new Object();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("patrol-schedule").factory());

    public PatrolScheduler(DistrictRepository districts, RulesRepository rules, RotationService rotations, RotationRepository rotationStore,
                           FrameSampler sampler, FramePurge purge, LocalTime drawAt, Clock clock) {
        this.districts = districts;
        this.rules = rules;
        this.rotations = rotations;
        this.rotationStore = rotationStore;
        this.sampler = sampler;
        this.purge = purge;
        this.drawAt = drawAt;
        this.clock = clock;
    }

    public PatrolScheduler start(Duration tick, Duration purgeEvery) {
        timer.scheduleWithFixedDelay(this::tick, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::purgeNow, purgeEvery.toMillis(), purgeEvery.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One pass over every district (public for tests and the demo). */
    public void tick() {
        try {
            for (District d : districts.list()) {
                try {
                    drawNextDayIfDue(d.id());
                    planSampling(d.id());
                } catch (Exception e) {
                    log.warn("patrol schedule: district {}: {}", d.id(), e.toString());
                }
            }
        } catch (Exception e) {
            log.warn("patrol schedule: districts not listed: {}", e.toString());
        }
    }

    /** Draws tomorrow's plan when the district's local time is past drawAt and it has none; returns whether it drew. */
    public boolean drawNextDayIfDue(long districtId) throws Exception {
        ZoneId zone = rules.get(districtId).zone();
        ZonedDateTime now = clock.instant().atZone(zone);
        if (now.toLocalTime().isBefore(drawAt)) {
            return false;
        }
        LocalDate tomorrow = now.toLocalDate().plusDays(1);
        if (!rotationStore.current(districtId, tomorrow).isEmpty()) {
            return false;
        }
        rotations.draw(system(districtId), tomorrow, null);
        log.info("patrol schedule: drew district {}'s plan for {}", districtId, tomorrow);
        return true;
    }

    /** Gives each round of today's plan that is not sampled yet a sampling moment. */
    void planSampling(long districtId) throws Exception {
        synchronized (lock) {
            planSamplingLocked(districtId);
        }
    }

    private void planSamplingLocked(long districtId) throws Exception {
        RotationRules r = rules.get(districtId);
        ZoneId zone = r.zone();
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        Optional<RotationView> day = todaysPlan(districtId, today);
        if (day.isEmpty()) {
            return;
        }
        for (RotationView.Round round : day.get().rounds()) {
            String key = districtId + "/" + today + "/" + round.index();
            Instant start = today.atTime(round.startsAt()).atZone(zone).toInstant();
            Instant end = today.atTime(round.endsAt()).atZone(zone).toInstant();
            if (!now.isBefore(end) || planned.contains(key) || round.assignments().isEmpty()) {
                continue;
            }
            if (sampler.sampled(districtId, today, round.index())) {
                planned.add(key);
                continue;
            }
            Instant at = moments.before(start, r.sampleLeadMinutes());
            long delay = Math.max(0, Duration.between(now, at).toMillis());
            planned.add(key);
            timer.schedule(() -> Thread.ofVirtual().name("patrol-sampling").start(() -> sample(districtId, today, round.index())),
                    delay, TimeUnit.MILLISECONDS);
            log.debug("patrol schedule: district {} {} round {} sampled at {}", districtId, today, round.index(), now.plusMillis(delay));
        }
    }

    /** Samples a round now unless it already was; failures are logged. */
    public Optional<FrameSampler.Result> sample(long districtId, LocalDate day, int roundIndex) {
        try {
            if (sampler.sampled(districtId, day, roundIndex)) {
                return Optional.empty();
            }
            return Optional.of(sampler.sampleRound(districtId, day, roundIndex));
        } catch (Exception e) {
            log.warn("patrol sampling: district {} {} round {}: {}", districtId, day, roundIndex, e.toString());
            return Optional.empty();
        }
    }

    public void purgeNow() {
        try {
            purge.purge();
        } catch (Exception e) {
            log.warn("patrol frame purge: {}", e.toString());
        }
    }

    /**
     * For the demo: draws today's plan if there is none, then samples at once the round that is on or next (the
     * last one when the day's rounds are over), and then any other round of today needed so that every officer
     * with visits today has a visit with frames, whatever the hour. Returns what the first sampling stored.
     */
    public Optional<FrameSampler.Result> demoStart(long districtId) throws Exception {
        RotationRules r = rules.get(districtId);
        ZoneId zone = r.zone();
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        List<RotationView.Round> order = new ArrayList<>();
        synchronized (lock) {
            if (rotationStore.current(districtId, today).isEmpty()) {
                rotations.draw(system(districtId), today, null);
            }
            List<RotationView.Round> rounds = rotations.view(system(districtId), today).rounds().stream()
                    .filter(x -> !x.assignments().isEmpty()).toList();
            if (rounds.isEmpty()) {
                return Optional.empty();
            }
            int first = rounds.size() - 1;
            for (int i = 0; i < rounds.size(); i++) {
                if (today.atTime(rounds.get(i).endsAt()).atZone(zone).toInstant().isAfter(now)) {
                    first = i;
                    break;
                }
            }
            for (int i = 0; i < rounds.size(); i++) {
                order.add(rounds.get((first + i) % rounds.size()));
            }
            order.forEach(x -> planned.add(districtId + "/" + today + "/" + x.index()));
        }
        Optional<FrameSampler.Result> firstResult = Optional.empty();
        Set<Long> covered = new HashSet<>();
        for (RotationView.Round round : order) {
            Set<Long> officers = new HashSet<>();
            round.assignments().forEach(a -> officers.add(a.officerId()));
            boolean needed = firstResult.isEmpty() || !covered.containsAll(officers);
            if (needed && !sampler.sampled(districtId, today, round.index())) {
                FrameSampler.Result res = sampler.sampleRound(districtId, today, round.index());
                if (firstResult.isEmpty()) {
                    firstResult = Optional.of(res);
                }
            }
            covered.addAll(officers);
        }
        return firstResult;
    }

    private Optional<RotationView> todaysPlan(long districtId, LocalDate today) throws Exception {
        if (rotationStore.current(districtId, today).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(rotations.view(system(districtId), today));
    }

    private static Principal system(long districtId) {
        return Access.system(districtId, "patrol-schedule");
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
