package org.carewatch.core.users;

import java.util.Locale;

/** The four roles of DESIGN.md; codes match the {@code roles} table. */
public enum Role {
    ADMIN, OFFICER, AUDITOR, FACILITY;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
