package org.carewatch.alerts.engine;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.carewatch.alerts.camera.FrameFlag;
import org.carewatch.alerts.camera.FrameQuality;
import org.carewatch.alerts.camera.FrameQualityResult;
import org.carewatch.alerts.camera.FrameThresholds;
import org.carewatch.alerts.camera.Thumbnail;
import org.carewatch.alerts.lifecycle.AlertService;
import org.carewatch.alerts.lifecycle.AlertText;
import org.carewatch.alerts.model.AlertKinds;
import org.carewatch.alerts.model.AlertSource;
import org.carewatch.alerts.model.Trigger;
import org.carewatch.alerts.rules.ConditionCheck;
import org.carewatch.alerts.rules.Evaluation;
import org.carewatch.alerts.rules.RateWindow;
import org.carewatch.alerts.rules.RuleBook;
import org.carewatch.alerts.rules.Schedules;
import org.carewatch.core.config.AlertsConfig;
import org.carewatch.profiles.sensor.AlertCondition;
import org.carewatch.profiles.sensor.AlertRule;
import org.carewatch.profiles.sensor.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates alert rules in-stream: the ingest pipelines call {@link #onReading}, {@link #onAvailability},
 * {@link #onCameraState} and {@link #onFrame} as things happen; {@link #tick} (run every second once
 * {@link #start started}) handles what time alone decides (pending durations reached, silence). The
 * store is never polled: rule state lives in memory, and is written to {@code alert_rule_state} only when
 * a condition starts, is raised or clears, so a restart resumes pending durations.
 *
 * <p>Evaluation takes microseconds under one lock; database work (raising, clearing, saving rule state)
 * goes to {@link AlertWriter}, which serves the most severe first. The input methods never block on the
 * database and never throw for bad input (it is logged and dropped).
 */
public final class AlertEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertEngine.class);
    static final String STREAM_FAULT = "stream-fault";

    private final RuleBook rules;
    private final Schedules schedules;
    private final RuleStateRepository states;
    private final AlertsConfig cfg;
    private final Clock clock;
    private final AlertWriter writer;
    private final FrameQuality frames = new FrameQuality(FrameThresholds.DEFAULT);

    private final Map<String, Tracker> trackers = new HashMap<>();
    private final Map<String, RateWindow> rates = new HashMap<>();
    /** Last reading per sensor metric that has a no-data rule. */
    private final Map<String, SilenceWatch> silence = new HashMap<>();
    private final Map<Long, Thumbnail> lastFrame = new HashMap<>();
    private ScheduledExecutorService ticker;

    private record SilenceWatch(long centreId, long sensorId, String profileId, String metric, Instant last) {
    }

    public AlertEngine(AlertService alerts, RuleBook rules, Schedules schedules, RuleStateRepository states, AlertsConfig cfg, Clock clock) {
        this.rules = rules;
        this.schedules = schedules;
        this.states = states;
        this.cfg = cfg;
        this.clock = clock;
        this.writer = new AlertWriter(alerts, states);
    }

    /** Restores saved rule state and starts the writer and, when {@code tickEvery} is not null, the ticker. */
    public void start(Duration tickEvery) throws SQLException {
        List<Tracker> saved = states.load();
        synchronized (this) {
            for (Tracker t : saved) {
                trackers.put(t.key, t);
            }
        }
        log.info("alert engine started with {} saved rule state(s)", saved.size());
        writer.start();
        if (tickEvery != null) {
            ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("alert-ticker").factory());
            ticker.scheduleWithFixedDelay(() -> {
                try {
                    tick();
                } catch (RuntimeException e) {
                    log.error("alert tick failed", e);
                }
            }, tickEvery.toMillis(), tickEvery.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    // ---- inputs ----

    public void onReading(SensorReading r) {
        if (r == null || r.metric() == null || r.profileId() == null || r.time() == null || !Double.isFinite(r.value())) {
            log.debug("ignored unusable reading {}", r);
            return;
        }
        List<AlertRule> list = rules.rules(r.centreId(), r.sensorId(), r.profileId(), r.metric());
        if (list.isEmpty()) {
            return;
        }
        synchronized (this) {
            for (AlertRule rule : list) {
                String key = sensorKey(r.sensorId(), rule.id());
                if (rule.condition() == AlertCondition.NO_DATA) {
                    silence.put(key, new SilenceWatch(r.centreId(), r.sensorId(), r.profileId(), r.metric(), r.time()));
                    condition(key, Evaluation.CLEAR, r.time(), null, null, null);
                    continue;
                }
                Double change = null;
                if (rule.condition() == AlertCondition.RATE && rule.window() != null) {
                    change = rates.computeIfAbsent(key, k -> new RateWindow(rule.window())).add(r.time(), r.value());
                }
                Evaluation e = schedules.applies(rule.schedule(), r.centreId(), r.time())
                        ? ConditionCheck.evaluate(rule, r.value(), change) : Evaluation.CLEAR;
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("metric", r.metric());
                detail.put("value", r.value());
                detail.put("condition", rule.condition().id());
                if (rule.threshold() != null) {
                    detail.put("threshold", rule.threshold());
                }
                if (change != null) {
                    detail.put("change", change);
                }
                detail.put("profileId", r.profileId());
                Trigger template = new Trigger(r.centreId(), AlertSource.SENSOR, Long.toString(r.sensorId()), rule.id(), rule.id(),
                        rule.severity(), AlertText.title(rule.id(), r.metric(), Locale.ROOT), detail, r.time());
                condition(key, e, r.time(), template, rule.forDuration(), rule.schedule());
            }
        }
    }

    public void onAvailability(DeviceAvailability a) {
        if (a == null || a.time() == null) {
            return;
        }
        String key = sensorKey(a.sensorId(), AlertKinds.DEVICE_OFFLINE);
        synchronized (this) {
            Trigger template = new Trigger(a.centreId(), AlertSource.SENSOR, Long.toString(a.sensorId()), AlertKinds.DEVICE_OFFLINE,
                    AlertKinds.DEVICE_OFFLINE, Severity.MINOR, AlertText.title(AlertKinds.DEVICE_OFFLINE, Locale.ROOT),
                    Map.of("online", a.online()), a.time());
            condition(key, a.online() ? Evaluation.CLEAR : Evaluation.TRIGGERED, a.time(), template, cfg.deviceOfflineAfter(),
                    Schedules.ALWAYS);
        }
    }

    public void onCameraState(CameraStreamState s) {
        if (s == null || s.state() == null || s.time() == null) {
            return;
        }
        if (s.state() == CameraStreamState.State.CONNECTING) {
            return; // neither a fault nor a recovery
        }
        String key = cameraKey(s.cameraId(), STREAM_FAULT);
        synchronized (this) {
            String kind = switch (s.state()) {
                case OFFLINE -> AlertKinds.CAMERA_OFFLINE;
                case STALLED -> AlertKinds.CAMERA_STALLED;
                default -> AlertKinds.CAMERA_REFUSED;
            };
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("state", s.state().name().toLowerCase(Locale.ROOT));
            detail.put("detail", s.detail() == null ? "" : s.detail());
            Trigger template = new Trigger(s.centreId(), AlertSource.CAMERA, Long.toString(s.cameraId()), STREAM_FAULT, kind,
                    Severity.MAJOR, AlertText.title(kind, Locale.ROOT), detail, s.time());
            Tracker t = trackers.get(key);
            if (t != null && s.state().fault()) {
                // Still faulty, perhaps in another way: the pending time keeps running, the kind follows.
                t.template = template;
            }
            condition(key, s.state().fault() ? Evaluation.TRIGGERED : Evaluation.CLEAR, s.time(), template,
                    cfg.camera().faultAfter(), Schedules.OPENING_HOURS);
        }
    }

    /** Runs the frame checks (outside the lock) and feeds each flag's rule. */
    public FrameQualityResult onFrame(FrameSample f) {
        if (f == null || f.frame() == null || f.time() == null) {
            return null;
        }
        Thumbnail prev;
        synchronized (this) {
            prev = lastFrame.get(f.cameraId());
        }
        FrameQualityResult q;
        try {
            q = frames.check(f.frame(), prev);
        } catch (RuntimeException e) {
            log.warn("camera {}: frame not assessable: {}", f.cameraId(), e.getMessage());
            return null;
        }
        synchronized (this) {
            lastFrame.put(f.cameraId(), q.thumbnail());
            for (FrameFlag flag : FrameFlag.values()) {
                String key = cameraKey(f.cameraId(), flag.kind());
                if (!q.flags().contains(flag)) {
                    condition(key, Evaluation.CLEAR, f.time(), null, null, null);
                    continue;
                }
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("meanLuma", round(q.meanLuma()));
                detail.put("stdLuma", round(q.stdLuma()));
                detail.put("laplacianVariance", round(q.laplacianVariance()));
                detail.put("flatFraction", round(q.flatFraction()));
                if (!Double.isNaN(q.frozenDifference())) {
                    detail.put("frozenDifference", round(q.frozenDifference()));
                }
                Trigger template = new Trigger(f.centreId(), AlertSource.CAMERA, Long.toString(f.cameraId()), flag.kind(), flag.kind(),
                        flag.severity(), AlertText.title(flag.kind(), Locale.ROOT), detail, f.time());
                sampleCondition(key, f.time(), template);
            }
        }
        return q;
    }

    /** Decides what time alone decides, at the clock's now: pending durations reached, sensors gone silent. */
    public void tick() {
        Instant now = clock.instant();
        synchronized (this) {
            for (Tracker t : new ArrayList<>(trackers.values())) {
                if (t.phase == Tracker.Phase.PENDING && t.dueAfter != null && !t.dueAfter.isZero() && due(t, now)) {
                    activate(t, now);
                }
            }
            for (var e : silence.entrySet()) {
                SilenceWatch w = e.getValue();
                for (AlertRule rule : rules.rules(w.centreId(), w.sensorId(), w.profileId(), w.metric())) {
                    if (rule.condition() != AlertCondition.NO_DATA || !e.getKey().equals(sensorKey(w.sensorId(), rule.id()))) {
                        continue;
                    }
                    Duration quiet = rule.forDuration() == null || rule.forDuration().isZero() ? Duration.ofHours(1) : rule.forDuration();
                    if (Duration.between(w.last(), now).compareTo(quiet) >= 0 && schedules.applies(rule.schedule(), w.centreId(), now)) {
                        Map<String, Object> detail = Map.of("metric", w.metric(), "lastReading", w.last().toString(),
                                "condition", rule.condition().id(), "profileId", w.profileId());
                        Trigger template = new Trigger(w.centreId(), AlertSource.SENSOR, Long.toString(w.sensorId()), rule.id(),
                                AlertKinds.SENSOR_NO_DATA, rule.severity(), AlertText.title(AlertKinds.SENSOR_NO_DATA, Locale.ROOT),
                                detail, now);
                        condition(e.getKey(), Evaluation.TRIGGERED, now, template, Duration.ZERO, Schedules.ALWAYS);
                    }
                }
            }
        }
    }

    // ---- the state machine ----

    /** Moves the rule at {@code key}: TRIGGERED starts pending or raises, CLEAR ends either, HOLD keeps an active alert. */
    private void condition(String key, Evaluation e, Instant time, Trigger template, Duration dueAfter, String raiseSchedule) {
        Tracker t = trackers.get(key);
        switch (e) {
            case TRIGGERED -> {
                Duration wait = dueAfter == null ? Duration.ZERO : dueAfter;
                if (t == null) {
                    t = new Tracker(key, Tracker.Phase.PENDING, time, 1, template, wait, raiseSchedule);
                    trackers.put(key, t);
                    if (wait.isZero() && scheduleAllows(t, time)) {
                        activate(t, time);
                    } else {
                        writer.save(t, template.severity());
                    }
                } else if (t.phase == Tracker.Phase.PENDING && due(t, time)) {
                    activate(t, time);
                }
            }
            case HOLD -> {
                if (t != null && t.phase == Tracker.Phase.PENDING) {
                    drop(t, time);
                }
            }
            case CLEAR -> {
                if (t != null) {
                    drop(t, time);
                }
            }
        }
    }

    /** Frame flags need several consecutive samples; the count is the pending state. */
    private void sampleCondition(String key, Instant time, Trigger template) {
        Tracker t = trackers.get(key);
        if (t == null) {
            t = new Tracker(key, Tracker.Phase.PENDING, time, 0, template, Duration.ZERO, Schedules.OPENING_HOURS);
            trackers.put(key, t);
        }
        if (t.phase == Tracker.Phase.ACTIVE) {
            return;
        }
        t.samples++;
        t.template = template;
        if (t.samples >= cfg.camera().frameFaultSamples() && scheduleAllows(t, time)) {
            activate(t, time);
        } else {
            writer.save(t, template.severity());
        }
    }

    private boolean due(Tracker t, Instant now) {
        return Duration.between(t.since, now).compareTo(t.dueAfter) >= 0 && scheduleAllows(t, now);
    }

    private boolean scheduleAllows(Tracker t, Instant now) {
        return schedules.applies(t.schedule, t.template.centreId(), now);
    }

    private void activate(Tracker t, Instant now) {
        t.phase = Tracker.Phase.ACTIVE;
        Trigger base = t.template;
        Map<String, Object> detail = new LinkedHashMap<>(base.detail());
        detail.put("since", t.since.toString());
        Trigger raise = new Trigger(base.centreId(), base.source(), base.sourceId(), base.ruleId(), base.kind(), base.severity(),
                base.title(), detail, now);
        writer.raise(raise);
        writer.save(t, base.severity());
    }

    private void drop(Tracker t, Instant time) {
        trackers.remove(t.key);
        if (t.phase == Tracker.Phase.ACTIVE) {
            writer.clear(t.key, time, t.template.severity());
        }
        writer.delete(t.key, t.template.severity());
    }

    // ---- for tests, benchmarks and shutdown ----

    /** True when no database work is queued or running. */
    public boolean idle() {
        return writer.idle();
    }

    /** The pending or active phase of a rule, or null when idle (for tests). */
    public synchronized String phase(String key) {
        Tracker t = trackers.get(key);
        return t == null ? null : t.phase.name().toLowerCase(Locale.ROOT);
    }

    public static String sensorKey(long sensorId, String ruleId) {
        return AlertSource.SENSOR.id() + ":" + sensorId + ":" + ruleId;
    }

    public static String cameraKey(long cameraId, String ruleId) {
        return AlertSource.CAMERA.id() + ":" + cameraId + ":" + ruleId;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        writer.close();
    }
}
