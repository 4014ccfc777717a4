package org.carewatch.core.centres;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** centre: 托育机构; nursery_class: 托班 in a kindergarten; community: 社区宝宝屋. */
public enum CentreKind {
    CENTRE, NURSERY_CLASS, COMMUNITY;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static CentreKind fromCode(String code) {
        for (CentreKind k : values()) {
            if (k.code().equals(code)) {
                return k;
            }
        }
        throw new IllegalArgumentException("must be one of centre, nursery_class, community");
    }
}
