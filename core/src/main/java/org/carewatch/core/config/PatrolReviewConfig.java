package org.carewatch.core.config;

import java.time.Duration;

/**
 * The patrol review: the national adult-child ratios and class sizes a count seen in a frame is flagged
 * against (托育机构设置标准; a flag asks for review, it is never a violation by itself), and how often overdue
 * visits, pending finding alerts and closed suspected-abuse alerts are looked for.
 */
public record PatrolReviewConfig(Limits limits, Duration checkInterval) {

    /** Children per adult and per class for each age group; a mixed class has a configured ratio of its own. */
    public record Limits(Limit under12Months, Limit months12To24, Limit months24To36, Limit mixed) {
        public Limits {
            check("under12Months", under12Months);
            check("months12To24", months12To24);
            check("months24To36", months24To36);
            check("mixed", mixed);
        }

        private static void check(String group, Limit l) {
            if (l == null) {
                throw new ConfigException("patrolReview.limits." + group, "must be present");
            }
            Checks.range("patrolReview.limits." + group + ".childrenPerAdult", l.childrenPerAdult(), 1, 50);
            Checks.range("patrolReview.limits." + group + ".classSize", l.classSize(), 1, 200);
        }
    }

    public record Limit(int childrenPerAdult, int classSize) {
    }

    public PatrolReviewConfig {
        if (limits == null) {
            throw new ConfigException("patrolReview.limits", "must be present");
        }
        Checks.positive("patrolReview.checkInterval", checkInterval);
    }
}
