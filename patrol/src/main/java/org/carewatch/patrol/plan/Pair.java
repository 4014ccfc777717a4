package org.carewatch.patrol.plan;

/** An officer-centre pair (of the previous day's plan, to avoid on consecutive days). */
public record Pair(long officerId, long centreId) {
}
