package org.carewatch.patrol.publish;

/** The answer of a verification: verified, or the first reason it is not. */
public record Verification(boolean verified, String reason) {
    public static Verification ok() {
        return new Verification(true, null);
    }

    public static Verification failed(String reason) {
        return new Verification(false, reason);
    }
}
