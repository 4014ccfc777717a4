package org.carewatch.patrol.review;

import org.carewatch.patrol.classes.AgeGroup;

/**
 * Whether a count seen in a frame breaks the national adult-child ratio or class size for the class's age
 * group. Pure, so the console can show the flags as they are typed. A flag asks for review; it is never a
 * violation by itself (a frame shows a moment and part of a room).
 */
public final class RatioCheck {
    private RatioCheck() {
    }

    /**
     * @param ratio    more children than {@code adults × childrenPerAdult} (any child with no adult in view counts)
     * @param size     more children than the class may hold
     */
    public record Flags(boolean ratio, boolean size) {
        public boolean any() {
            return ratio || size;
        }
    }

    public static Flags check(AgeGroup group, int adults, int children, RatioLimits limits) {
        if (adults < 0 || children < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        RatioLimits.Limit l = limits.of(group);
        // long arithmetic: adults × ratio never overflows whatever the inputs
        boolean ratio = children > (long) adults * l.childrenPerAdult();
        boolean size = children > l.classSize();
        return new Flags(ratio, size);
    }
}
