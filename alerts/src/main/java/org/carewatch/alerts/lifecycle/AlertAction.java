package org.carewatch.alerts.lifecycle;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.carewatch.alerts.model.Alert;
import org.carewatch.alerts.model.AlertState;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;

/**
 * What people may do to an alert, with who may do it and from which states: the one place these rules are
 * written. {@link AlertService} enforces them on every action and tells consoles which actions a caller may
 * take now ({@link AlertService#detail}), so a page never offers what the service would refuse.
 */
public enum AlertAction {
    /** An officer takes the alert on (becomes its assignee). */
    ACK("ack", roles(Role.OFFICER, Role.ADMIN), EnumSet.of(AlertState.OPEN)),
    /** The centre's rectification (一事一反馈): text and up to three photos. */
    ANSWER("answer", roles(Role.FACILITY, Role.ADMIN), EnumSet.of(AlertState.OPEN, AlertState.ACKNOWLEDGED, AlertState.ANSWERED)),
    /** The officer re-checked the rectification. */
    RESOLVE("resolve", roles(Role.OFFICER, Role.ADMIN), EnumSet.of(AlertState.ANSWERED)),
    /** Closed after resolution; never by the centre for suspected abuse. */
    CLOSE("close", roles(Role.OFFICER, Role.ADMIN, Role.FACILITY), EnumSet.of(AlertState.RESOLVED)),
    /** Back to open (answer not accepted, or the problem came back), with fresh deadlines. */
    REOPEN("reopen", roles(Role.OFFICER, Role.ADMIN), EnumSet.of(AlertState.ANSWERED, AlertState.RESOLVED, AlertState.CLOSED)),
    /** A note on the record, in any state. */
    COMMENT("comment", roles(Role.OFFICER, Role.ADMIN, Role.FACILITY), EnumSet.allOf(AlertState.class));

    private final String id;
    private final Role[] roles;
    private final Set<AlertState> from;

    AlertAction(String id, Role[] roles, Set<AlertState> from) {
        this.id = id;
        this.roles = roles;
        this.from = from;
    }

    /** The name in {@code POST /api/v1/alerts/{id}/{action}}. */
    public String id() {
        return id;
    }

    Role[] roles() {
        return roles.clone();
    }

    Set<AlertState> from() {
        return from;
    }

    /** Whether the caller's role may take this action at all (scope is checked separately). */
    boolean roleAllows(Principal who) {
        return who.hasRole(roles);
    }

    /** Whether the caller's role may take this action on this alert in its current state. */
    boolean allows(Principal who, Alert a) {
        if (!roleAllows(who) || !from.contains(a.state())) {
            return false;
        }
        return !(this == CLOSE && who.role() == Role.FACILITY && a.suspectedAbuse());
    }

    public static AlertAction fromId(String id) {
        for (AlertAction a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static Role[] roles(Role... r) {
        return r;
    }
}
