package org.carewatch.patrol.classes;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A class's age group; the national ratios and size limits depend on it (1:3 / 10, 1:5 / 15, 1:7 / 20, mixed 18). */
public enum AgeGroup {
    UNDER_12_MONTHS("under_12_months"), MONTHS_12_24("12_24_months"), MONTHS_24_36("24_36_months"), MIXED("mixed");

    private final String code;

    AgeGroup(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static AgeGroup fromCode(String code) {
        for (AgeGroup g : values()) {
            if (g.code.equals(code)) {
                return g;
            }
        }
        throw new IllegalArgumentException("must be one of under_12_months, 12_24_months, 24_36_months, mixed");
    }
}
