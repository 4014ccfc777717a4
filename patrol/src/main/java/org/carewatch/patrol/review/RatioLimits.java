package org.carewatch.patrol.review;

import org.carewatch.patrol.classes.AgeGroup;

/**
 * The national limits a count is checked against (托育机构设置标准, configurable under {@code patrolReview}):
 * children per adult and children per class for each age group. A mixed class has no single age, so its ratio
 * is a configured value: 1:5 by default, the ratio of the youngest children a mixed class may hold (mixed
 * classes are for 18 months and over, so the 12-24 months group is the strictest that can be present).
 */
public record RatioLimits(Limit under12Months, Limit months12To24, Limit months24To36, Limit mixed) {

    /** At most {@code childrenPerAdult} children for each adult and {@code classSize} children in the class. */
    public record Limit(int childrenPerAdult, int classSize) {
        public Limit {
            if (childrenPerAdult < 1 || classSize < 1) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }
    }

    public static final RatioLimits NATIONAL = new RatioLimits(new Limit(3, 10), new Limit(5, 15), new Limit(7, 20), new Limit(5, 18));

    public RatioLimits {
        if (under12Months == null || months12To24 == null || months24To36 == null || mixed == null) {
            throw new IllegalArgumentException("every age group needs its limits");
        }
    }

    public Limit of(AgeGroup g) {
        return switch (g) {
            case UNDER_12_MONTHS -> under12Months;
            case MONTHS_12_24 -> months12To24;
            case MONTHS_24_36 -> months24To36;
            case MIXED -> mixed;
        };
    }
}
