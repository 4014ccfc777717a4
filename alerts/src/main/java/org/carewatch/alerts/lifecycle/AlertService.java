package org.carewatch.alerts.lifecycle;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.profiles.sensor.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert lifecycle with its permissions: what the rules raise and clear, what people do to alerts
 * (acknowledge, answer, resolve, close, reopen, comment), and escalation of overdue alerts. Every change
 * is committed with its event and then published.
 */
public final class AlertService {
    private static final Logger log = LoggerFactory.getLogger(AlertService.class);
    public static final String RULES_ACTOR = "system:rules";
    public static final int MAX_TEXT = 4000;
    public static final int MAX_PHOTO_BYTES = 2 * 1024 * 1024;

    private final AlertRepository repo;
    private final Notifier notifier;
    private final Clock clock;

    public AlertService(AlertRepository repo, Notifier notifier, Clock clock) {
        this.repo = repo;
        this.notifier = notifier;
        this.clock = clock;
    }

    public AlertRepository repository() {
        return repo;
    }

    // ---- from the rules ----

    /** Raises an alert or counts a repeat on the active one; published after commit. */
    public AlertRepository.Raised raise(Trigger t) throws SQLException {
        AlertRepository.Raised r = repo.raise(t, t.source() == AlertSource.PATROL ? "user:" + t.sourceId() : RULES_ACTOR);
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

    /** A finding recorded during a patrol (officers, admins), e.g. suspected abuse. */
    public Alert recordFinding(Principal who, long centreId, String kind, Severity severity, String title, String text) throws SQLException {
        requireRole(who, Role.OFFICER, Role.ADMIN);
        if (kind == null || !kind.matches("[a-z0-9-]{1,64}")) {
            throw new InvalidInputException("kind", "must be 1-64 lower-case letters, digits or '-'");
        }
        Severity sev = AlertKinds.SUSPECTED_ABUSE.equals(kind) ? Severity.CRITICAL : severity == null ? Severity.MAJOR : severity;
        String t = title == null || title.isBlank() ? AlertText.title(kind, null) : limit("title", title, 200);
        Instant now = clock.instant();
        // Each finding is its own alert: the key includes the moment it was recorded.
        Trigger trig = new Trigger(centreId, AlertSource.PATROL, who.userId() + ":" + who.username(),
                kind + "@" + now.toEpochMilli(), kind, sev, t, Map.of("text", limit("text", text == null ? "" : text, MAX_TEXT)), now);
        return raise(trig).alert();
    }

    public Alert acknowledge(Principal who, long id, String note) throws SQLException {
        requireRole(who, Role.OFFICER, Role.ADMIN);
        visible(who, id);
        // Whoever acknowledges an alert becomes its assignee (the officer following it up).
        Alert a = repo.transition(id, EnumSet.of(AlertState.OPEN), AlertState.ACKNOWLEDGED, actor(who), "acknowledge",
                AlertRepository.merge(text(note), Map.of("assigneeId", who.userId())), clock.instant(), who.userId());
        notifier.publish(new AlertNotice("alert.acknowledged", a, a.updatedAt(), Map.of("assigneeId", who.userId())));
        return a;
    }

    /** The centre's answer (一事一反馈): its rectification text and an optional photo. */
    public Alert answer(Principal who, long id, String text, String photoContentType, byte[] photo) throws SQLException {
        requireRole(who, Role.FACILITY, Role.ADMIN);
        visible(who, id);
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("text", "the rectification must be described");
        }
        Map<String, Object> detail = text(text);
        if (photo != null) {
            if (photo.length == 0 || photo.length > MAX_PHOTO_BYTES) {
                throw new InvalidInputException("photo", "must be 1 byte to " + MAX_PHOTO_BYTES / 1024 + " KiB");
            }
            String type = ImageType.sniff(photo);
            if (type == null || (photoContentType != null && !photoContentType.equals(type))) {
                throw new InvalidInputException("photo", "must be a JPEG or PNG image");
            }
            detail = new LinkedHashMap<>(detail);
            detail.put("attachmentId", repo.addAttachment(id, type, photo, actor(who)));
        }
        return act(who, id, EnumSet.of(AlertState.OPEN, AlertState.ACKNOWLEDGED, AlertState.ANSWERED), AlertState.ANSWERED,
                "answer", detail, "alert.answered");
    }

    /** The officer re-checked the rectification. */
    public Alert resolve(Principal who, long id, String note) throws SQLException {
        requireRole(who, Role.OFFICER, Role.ADMIN);
        visible(who, id);
        return act(who, id, EnumSet.of(AlertState.ANSWERED), AlertState.RESOLVED, "resolve", text(note), "alert.resolved");
    }

    public Alert close(Principal who, long id, String note) throws SQLException {
        requireRole(who, Role.OFFICER, Role.ADMIN, Role.FACILITY);
        Alert a = visible(who, id);
        if (who.role() == Role.FACILITY && a.suspectedAbuse()) {
            throw new Forbidden("a suspected-abuse alert cannot be closed by the centre");
        }
        return act(who, id, EnumSet.of(AlertState.RESOLVED), AlertState.CLOSED, "close", text(note), "alert.closed");
    }

    public Alert reopen(Principal who, long id, String note) throws SQLException {
        requireRole(who, Role.OFFICER, Role.ADMIN);
        visible(who, id);
        return act(who, id, EnumSet.of(AlertState.ANSWERED, AlertState.RESOLVED, AlertState.CLOSED), AlertState.OPEN, "reopen",
                text(note), "alert.reopened");
    }

    public AlertEvent comment(Principal who, long id, String text) throws SQLException {
        requireRole(who, Role.OFFICER, Role.ADMIN, Role.FACILITY);
        Alert a = visible(who, id);
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("text", "must not be empty");
        }
        AlertEvent e = repo.note(id, actor(who), "comment", text(text), clock.instant());
        notifier.publish(new AlertNotice("alert.commented", a, e.time(), e.detail()));
        return e;
    }

    /** The alert if the caller may see it; otherwise {@link NotFoundException} (no hint it exists). */
    public Alert visible(Principal who, long id) throws SQLException {
        return repo.find(id).filter(a -> who.canSee(a.districtId(), a.centreId()))
                .orElseThrow(() -> new NotFoundException("alert " + id + " not found"));
    }

    public List<AlertEvent> events(Principal who, long id) throws SQLException {
        visible(who, id);
        return repo.events(id);
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

    private Alert act(Principal who, long id, EnumSet<AlertState> from, AlertState to, String action, Map<String, Object> detail,
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

    private static void requireRole(Principal who, Role... roles) {
        if (!who.hasRole(roles)) {
            throw new Forbidden("your role may not do this");
        }
    }

    /** The caller's role does not allow the action (403). */
    public static final class Forbidden extends org.carewatch.core.errors.ForbiddenException {
        public Forbidden(String message) {
            super(message);
        }
    }
}
