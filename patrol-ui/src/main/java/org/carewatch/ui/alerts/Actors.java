package org.carewatch.ui.alerts;

import org.carewatch.ui.i18n.Messages;

/**
 * Who did something to an alert, as a person reads it: {@code user:ID:NAME:ROLE} is "NAME (role)", a patrol
 * officer's {@code user:ID:NAME} is "NAME", {@code role:ROLE} (what facility staff see of district users) is
 * the role, {@code system:*} is the system part that acted.
 */
final class Actors {
    private Actors() {
    }

    static String label(String actor, Messages m) {
        if (actor == null) {
            return "";
        }
        String[] p = actor.split(":");
        return switch (p[0]) {
            case "user" -> p.length >= 4 ? p[2] + " (" + role(p[3], m) + ")" : p.length >= 3 ? p[2] : actor;
            case "role" -> p.length >= 2 ? role(p[1], m) : actor;
            case "system" -> p.length >= 2 && m.has("actor." + p[1]) ? m.get("actor." + p[1]) : m.get("actor.system");
            default -> actor;
        };
    }

    private static String role(String code, Messages m) {
        return m.has("role." + code) ? m.get("role." + code) : code;
    }
}
