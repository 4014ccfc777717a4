package org.carewatch.patrol.review;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What an officer saw (labels in both languages: {@code patrol.category.<code>} in the console's bundles). */
public enum FindingCategory {
    CHILDREN_UNATTENDED, ADULT_CHILD_RATIO, UNSAFE_BEHAVIOUR, SUSPECTED_ABUSE, HYGIENE, FIRE_OR_ESCAPE_HAZARD, NAP_SUPERVISION,
    CAMERA_PROBLEM, PRIVACY_PROBLEM, OTHER;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FindingCategory> fromCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code().equals(code)).findFirst();
    }

    /** The codes, for messages ("must be one of ..."). */
    public static String codes() {
        return Arrays.stream(values()).map(FindingCategory::code).collect(Collectors.joining(", "));
    }
}
