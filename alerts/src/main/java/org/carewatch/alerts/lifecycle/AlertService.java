package org.carewatch.alerts.lifecycle;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.carewatch.alerts.model.Alert;
import org.carewatch.alerts.model.AlertEvent;
import org.carewatch.alerts.model.AlertKinds;
import org.carewatch.alerts.model.AlertSource;
import org.carewatch.alerts.model.AlertState;
import org.carewatch.alerts.model.Trigger;
import org.carewatch.alerts.notify.AlertNotice;
import org.carewatch.alerts.notify.Notifier;
import org.carewatch.core.centres.Centre;
import org.carewatch.core.centres.CentreService;
import org.carewatch.core.errors.ForbiddenException;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.profiles.sensor.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert lifecycle with its permissions: what the rules raise and clear, what people do to alerts
 * (acknowledge, answer, resolve, close, reopen, comment), what they may read of one alert, and escalation
 * of overdue alerts. Every method a person calls takes the caller and checks the role first
 * ({@link ForbiddenException}, 403), then the scope (an alert or centre outside it is
 * {@link NotFoundException}, 404, as if it did not exist). Every change is committed with its event and
 * then published.
 */
public final class AlertService {
    private static final Logger log = LoggerFactory.getLogger(AlertService.class);
    public static final String RULES_ACTOR = "system:rules";
    public static final int MAX_TEXT = 4000;
    public static final int MAX_PHOTO_BYTES = 2 * 1024 * 1024;
    /** Photos one answer may carry. */
    public static final int MAX_PHOTOS = 3;

    /** Every role reads alerts, within its scope (facility staff: their centre; others: their district). */
    private static final Role[] READERS = Role.values();
    /** Who may record findings: the district's people who follow alerts up. */
    private static final Role[] FOLLOW_UP = {Role.OFFICER, Role.ADMIN};
    /** Who may act on an alert at all (auditors only read); each action's own roles are {@link AlertAction}'s. */
    private static final Role[] ACTORS = {Role.OFFICER, Role.ADMIN, Role.FACILITY};

    private final AlertRepository repo;
    private final CentreService centres;
    private final CentreDistricts districts;
    private final Notifier notifier;
    private final Clock clock;

    /** @param centres core's centres: scope checks of findings and the district of each raised alert */
    public AlertService(AlertRepository repo, CentreService centres, Notifier notifier, Clock clock) {
        this.repo = repo;
        this.centres = centres;
        this.districts = new CentreDistricts(centres);
        this.notifier = notifier;
        this.clock = clock;
    }

    public AlertRepository repository() {
        return repo;
    }

    // ---- from the rules ----

    /** Raises an alert or counts a repeat on the active one; published after commit. */
    public AlertRepository.Raised raise(Trigger t) throws SQLException {
        long district = districts.of(t.centreId());
        AlertRepository.Raised r = repo.raise(t, district, t.source() == AlertSource.PATROL ? "user:" + t.sourceId() : RULES_ACTOR);
        Alert a = r.alert();
        notifier.publish(new AlertNotice(r.created() ? "alert.raised" : "alert.repeated", a, t.time(), t.detail()));
        if (r.created() && a.suspectedAbuse()) {
            // Mandatory reporting: the district lead hears at once, and the record says so.
            repo.note(a.id(), "system:escalation", "notify_district_lead", Map.of("districtId", a.districtId()), clock.instant());
            notifier.publish(new AlertNotice("alert.suspected_abuse", a, t.time(), Map.of("audience", "district-lead")));
        }
        return r;
    }

    public Optional<Alert> conditionCleared(long alertId, Instant time, Map<String, Object> detail) throws SQLException {
        Optional<Alert> a = repo.conditionCleared(alertId, time, RULES_ACTOR, detail);
        a.ifPresent(x -> notifier.publish(new AlertNotice("alert.cleared", x, time, detail)));
        return a;
    }

    // ---- from people ----

    /** A finding as a caller sends it (officers, admins): checks the fields, then {@link #recordFinding(Principal, long, String, Severity, String, String)}. */
    public Alert recordFinding(Principal who, Finding f) throws SQLException {
        who.requireRole(FOLLOW_UP);
        if (f.centreId() == null) {
            throw new InvalidInputException("centreId", "is required");
        }
        Severity severity = f.severity() == null ? null : severity(f.severity());
        return recordFinding(who, f.centreId(), f.kind(), severity, f.title(), f.text());
    }

    /** A finding recorded during a patrol (officers, admins) at a centre of their district, e.g. suspected abuse. */
    public Alert recordFinding(Principal who, long centreId, String kind, Severity severity, String title, String text) throws SQLException {
        return recordFinding(who, centreId, kind, severity, title, text, null, Map.of());
    }

    /**
     * A finding recorded during a patrol, as {@link #recordFinding(Principal, long, String, Severity, String, String)},
     * with a reference that makes it one alert however often it is recorded (the patrol review's finding id:
     * a retried raise counts on the same alert instead of making another) and extra detail kept with the alert
     * (visit, category, frames, flags).
     */
    public Alert recordFinding(Principal who, long centreId, String kind, Severity severity, String title, String text, String ref,
                               Map<String, Object> extra) throws SQLException {
        who.requireRole(FOLLOW_UP);
        Centre centre = centres.visible(who, centreId);
        districts.remember(centre);
        if (kind == null || !kind.matches("[a-z0-9-]{1,64}")) {
            throw new InvalidInputException("kind", "must be 1-64 lower-case letters, digits or '-'");
        }
        Severity sev = AlertKinds.SUSPECTED_ABUSE.equals(kind) ? Severity.CRITICAL : severity == null ? Severity.MAJOR : severity;
        String t = title == null || title.isBlank() ? AlertText.title(kind, null) : limit("title", title, 200);
        Instant now = clock.instant();
        // Each finding is its own alert: the key includes the moment it was recorded, or the caller's reference.
        Map<String, Object> detail = new LinkedHashMap<>(extra == null ? Map.of() : extra);
        detail.put("text", limit("text", text == null ? "" : text, MAX_TEXT));
        Trigger trig = new Trigger(centreId, AlertSource.PATROL, who.userId() + ":" + who.username(),
                kind + "@" + (ref == null ? Long.toString(now.toEpochMilli()) : ref), kind, sev, t, detail, now);
        return raise(trig).alert();
    }

    public Alert acknowledge(Principal who, long id, String note) throws SQLException {
        who.requireRole(AlertAction.ACK.roles());
        visible(who, id);
        // Whoever acknowledges an alert becomes its assignee (the officer following it up).
        Alert a = repo.transition(id, AlertAction.ACK.from(), AlertState.ACKNOWLEDGED, actor(who), "acknowledge",
                AlertRepository.merge(text(note), Map.of("assigneeId", who.userId())), clock.instant(), who.userId());
        notifier.publish(new AlertNotice("alert.acknowledged", a, a.updatedAt(), Map.of("assigneeId", who.userId())));
        return a;
    }

    /** The centre's answer (一事一反馈): its rectification text and an optional photo. */
    public Alert answer(Principal who, long id, String text, String photoContentType, byte[] photo) throws SQLException {
        return answer(who, id, text, photo == null ? List.of() : List.of(new Photo(photoContentType, photo)));
    }

    /**
     * The centre's answer (一事一反馈): its rectification text and up to {@link #MAX_PHOTOS} photos (JPEG or PNG,
     * each at most {@link #MAX_PHOTO_BYTES}), re-encoded before they are stored beside the alert, so only the
     * picture is kept (no metadata, nothing hidden).
     */
    public Alert answer(Principal who, long id, String text, List<Photo> photos) throws SQLException {
        who.requireRole(AlertAction.ANSWER.roles());
        visible(who, id);
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("text", "the rectification must be described");
        }
        List<Photo> given = photos == null ? List.of() : photos;
        if (given.size() > MAX_PHOTOS) {
            throw new InvalidInputException("photos", "at most " + MAX_PHOTOS + " photos per answer");
        }
        // Every photo is checked and cleaned before anything is stored.
        List<Photo> clean = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            clean.add(cleanPhoto(given.get(i), given.size() == 1 && photos != null ? "photo" : "photos[" + i + "]"));
        }
        Map<String, Object> detail = new LinkedHashMap<>(text(text));
        if (!clean.isEmpty()) {
            List<Long> ids = new ArrayList<>();
            for (Photo p : clean) {
                ids.add(repo.addAttachment(id, p.contentType(), p.data(), actor(who)));
            }
            detail.put("attachmentId", ids.get(0));
            detail.put("attachmentIds", ids);
        }
        return act(who, id, AlertAction.ANSWER.from(), AlertState.ANSWERED, "answer", detail, "alert.answered");
    }

    private static Photo cleanPhoto(Photo p, String field) {
        byte[] data = p.data();
        if (data == null || data.length == 0 || data.length > MAX_PHOTO_BYTES) {
            throw new InvalidInputException(field, "must be 1 byte to " + MAX_PHOTO_BYTES / 1024 + " KiB");
        }
        String type = ImageType.sniff(data);
        if (type == null || (p.contentType() != null && !p.contentType().isBlank() && !p.contentType().equals(type))) {
            throw new InvalidInputException(field, "must be a JPEG or PNG image");
        }
        return new Photo(type, PhotoCleaner.clean(data, type, field));
    }

    /** The officer re-checked the rectification. */
    public Alert resolve(Principal who, long id, String note) throws SQLException {
        who.requireRole(AlertAction.RESOLVE.roles());
        visible(who, id);
        return act(who, id, AlertAction.RESOLVE.from(), AlertState.RESOLVED, "resolve", text(note), "alert.resolved");
    }

    public Alert close(Principal who, long id, String note) throws SQLException {
        who.requireRole(AlertAction.CLOSE.roles());
        Alert a = visible(who, id);
        if (who.role() == Role.FACILITY && a.suspectedAbuse()) {
            throw new ForbiddenException("a suspected-abuse alert cannot be closed by the centre");
        }
        return act(who, id, AlertAction.CLOSE.from(), AlertState.CLOSED, "close", text(note), "alert.closed");
    }

    public Alert reopen(Principal who, long id, String note) throws SQLException {
        who.requireRole(AlertAction.REOPEN.roles());
        visible(who, id);
        return act(who, id, AlertAction.REOPEN.from(), AlertState.OPEN, "reopen", text(note), "alert.reopened");
    }

    public AlertEvent comment(Principal who, long id, String text) throws SQLException {
        who.requireRole(AlertAction.COMMENT.roles());
        Alert a = visible(who, id);
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("text", "must not be empty");
        }
        AlertEvent e = repo.note(id, actor(who), "comment", text(text), clock.instant());
        notifier.publish(new AlertNotice("alert.commented", a, e.time(), e.detail()));
        return e;
    }

    /**
     * The API's {@code POST /alerts/{id}/{action}}: one of ack, answer, resolve, close, reopen, comment by
     * name (anything else is {@link NotFoundException}), for officers, administrators and facility staff;
     * each action then checks its own roles and the alert's scope.
     */
    public ActionResult act(Principal who, long id, String action, ActionInput in) throws SQLException {
        who.requireRole(ACTORS);
        ActionInput i = in == null ? ActionInput.NONE : in;
        return switch (action) {
            case "ack" -> ActionResult.changed(acknowledge(who, id, i.note()));
            case "answer" -> ActionResult.changed(answer(who, id, i.text(), i.photos()));
            case "resolve" -> ActionResult.changed(resolve(who, id, i.note()));
            case "close" -> ActionResult.changed(close(who, id, i.note()));
            case "reopen" -> ActionResult.changed(reopen(who, id, i.note()));
            case "comment" -> ActionResult.commented(comment(who, id, i.text()));
            default -> throw new NotFoundException("no action '" + clip(action) + "'; use ack, answer, resolve, close, reopen or comment");
        };
    }

    /** The alert if the caller may see it; otherwise {@link NotFoundException} (no hint it exists). */
    public Alert visible(Principal who, long id) throws SQLException {
        who.requireRole(READERS);
        return repo.find(id).filter(a -> who.canSee(a.districtId(), a.centreId()) && (who.role() != Role.FACILITY || !a.districtOnly()))
                .orElseThrow(() -> new NotFoundException("alert " + id + " not found"));
    }

    public List<AlertEvent> events(Principal who, long id) throws SQLException {
        visible(who, id);
        return repo.events(id);
    }

    /**
     * One alert with its events and the actions the caller may take on it now, for any role within its scope.
     * Facility staff do not learn who in the district follows their centre up: the assignee and the names of
     * district users are left out (their role stays: "an officer acknowledged").
     */
    public AlertDetail detail(Principal who, long id) throws SQLException {
        Alert a = visible(who, id);
        List<AlertEvent> events = repo.events(id);
        if (who.role() == Role.FACILITY) {
            a = FacilityView.of(a);
            events = events.stream().map(FacilityView::of).toList();
        }
        EnumSet<AlertAction> allowed = EnumSet.noneOf(AlertAction.class);
        for (AlertAction act : AlertAction.values()) {
            if (act.allows(who, a)) {
                allowed.add(act);
            }
        }
        return new AlertDetail(a, events, allowed);
    }

    /**
     * The open alerts of the caller's own centre (facility staff only), most urgent first: those waiting for
     * the centre's answer by answer deadline, then those answered and waiting for the officer's re-check.
     */
    public CentreQueue centreQueue(Principal who) throws SQLException {
        who.requireRole(Role.FACILITY);
        Centre centre = centres.visible(who, who.centreId() == null ? -1 : who.centreId());
        List<Alert> open = repo.activeAtCentre(centre.id()).stream().filter(x -> !x.districtOnly()).map(FacilityView::of)
                .sorted(java.util.Comparator.comparing((Alert x) -> x.state() == AlertState.ANSWERED)
                        .thenComparing(Alert::answerDue).thenComparing(x -> x.severity().ordinal()).thenComparing(Alert::id))
                .toList();
        return new CentreQueue(centre, open);
    }

    /** A photo attached to an answer or comment of an alert the caller may see; 404 otherwise. */
    public Attachment attachment(Principal who, long alertId, long attachmentId) throws SQLException {
        visible(who, alertId);
        return repo.attachment(alertId, attachmentId).orElseThrow(() -> new NotFoundException("attachment " + attachmentId + " not found"));
    }

    /** Which live notices the caller may receive: those of alerts it could read (every role, within its scope). */
    public NoticeScope liveScope(Principal who) {
        who.requireRole(READERS);
        if (who.role() != Role.FACILITY) {
            return who::canSee;
        }
        return new NoticeScope() {
            @Override
            public boolean covers(long districtId, long centreId) {
                return who.canSee(districtId, centreId);
            }

            @Override
            public boolean districtView() {
                return false;
            }
        };
    }

    // ---- escalation ----

    /** Escalates every alert whose acknowledgement or answer is overdue now; returns how many. */
    public int escalateOverdue() throws SQLException {
        Instant now = clock.instant();
        int n = 0;
        for (Alert a : repo.overdue(now)) {
            boolean answerLate = !a.answerDue().isAfter(now);
            int level = answerLate ? 2 : 1;
            String reason = answerLate ? "answer overdue since " + a.answerDue() : "acknowledgement overdue since " + a.ackDue();
            Optional<Alert> e = repo.escalate(a.id(), level, now, reason);
            if (e.isPresent()) {
                n++;
                notifier.publish(new AlertNotice("alert.escalated", e.get(), now, Map.of("level", level, "reason", reason)));
            }
        }
        if (n > 0) {
            log.info("escalated {} overdue alert(s)", n);
        }
        return n;
    }

    private Alert act(Principal who, long id, java.util.Set<AlertState> from, AlertState to, String action, Map<String, Object> detail,
                      String event) throws SQLException {
        Alert a = repo.transition(id, from, to, actor(who), action, detail, clock.instant());
        notifier.publish(new AlertNotice(event, a, a.updatedAt(), detail));
        return a;
    }

    public static String actor(Principal who) {
        return "user:" + who.userId() + ":" + who.username() + ":" + who.role().code();
    }

    private static Map<String, Object> text(String note) {
        return note == null || note.isBlank() ? Map.of() : Map.of("text", limit("text", note.strip(), MAX_TEXT));
    }

    private static String limit(String field, String s, int max) {
        if (s.length() > max) {
            throw new InvalidInputException(field, "must be at most " + max + " characters");
        }
        return s;
    }

    private static Severity severity(String raw) {
        try {
            return Severity.valueOf(raw.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("severity", "must be one of critical, major, minor, warning, got '" + clip(raw) + "'");
        }
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
