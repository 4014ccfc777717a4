package org.carewatch.patrol.review;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A recorded finding ({@code severity}: critical, major, minor or warning) with the alert it became ({@code alertId} null while the raise is pending) and its counts,
 * each with the flags {@link RatioCheck} gave when it was recorded.
 */
public record Finding(long id, int position, FindingCategory category, String severity, String note, List<Long> frameIds,
                      List<Count> counts, Long alertId) {

    public record Count(long classId, int adults, int children, boolean ratioFlag, boolean sizeFlag) {
        /** Flagged for review (never a violation by itself). */
        @JsonProperty("flagged")
        public boolean flagged() {
            return ratioFlag || sizeFlag;
        }
    }

    /** Whether any count of this finding is flagged for review. */
    @JsonProperty("flagged")
    public boolean flagged() {
        return counts.stream().anyMatch(Count::flagged);
    }
}
