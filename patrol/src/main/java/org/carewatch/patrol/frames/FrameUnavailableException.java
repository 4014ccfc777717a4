package org.carewatch.patrol.frames;

/** A camera gave no frame; {@link #problem()} is the message key stored with the frame row (zh + en text in the bundles). */
public final class FrameUnavailableException extends RuntimeException {
    /** Keys under {@code patrol.frame.problem.*} in the console's message bundles. */
    public static final String PREFIX = "patrol.frame.problem.";

    private final String problem;

    public FrameUnavailableException(String problemKey, String detail, Throwable cause) {
        super(problemKey + (detail == null ? "" : ": " + detail), cause);
        this.problem = problemKey;
    }

    public String problem() {
        return problem;
    }
}
