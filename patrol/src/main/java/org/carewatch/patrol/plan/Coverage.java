package org.carewatch.patrol.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Which centres a round covers: every centre open that day (whose hours overlap the round), or those with a nap window. */
public enum Coverage {
    ALL_OPEN, NAPPING;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Coverage fromCode(String code) {
        for (Coverage c : values()) {
            if (c.code().equals(code)) {
                return c;
            }
        }
        throw new IllegalArgumentException("must be all_open or napping");
    }
}
