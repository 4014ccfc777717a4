package org.carewatch.core.cameras;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Set;
import org.carewatch.core.errors.InvalidInputException;

/**
 * What a camera looks at. Toilets, changing and nursing rooms are not areas a camera may cover
 * (national rule); asking for one is refused with the reason rather than silently mapped.
 */
public enum CameraArea {
    ACTIVITY, SLEEPING, DINING, ENTRANCE, OUTDOOR, CORRIDOR, KITCHEN, OTHER;

    private static final Set<String> FORBIDDEN = Set.of("toilet", "washroom", "bathroom", "changing", "changing_room",
            "nursing", "nursing_room", "lactation");

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static CameraArea fromCode(String code) {
        String c = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
        if (FORBIDDEN.contains(c)) {
            throw new InvalidInputException("area", "cameras must not cover toilets, changing or nursing rooms (privacy rule)");
        }
        for (CameraArea a : values()) {
            if (a.code().equals(c)) {
                return a;
            }
        }
        throw new IllegalArgumentException("must be one of activity, sleeping, dining, entrance, outdoor, corridor, kitchen, other");
    }

    /** Areas where children are: a camera there that is offline during opening hours is a fault. */
    public boolean coversChildren() {
        return this == ACTIVITY || this == SLEEPING || this == DINING || this == OUTDOOR;
    }
}
