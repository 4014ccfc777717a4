package org.carewatch.core.users;

/** A console session just started: its id (for the cookie, never stored in clear) and the session. */
public record StartedSession(String sessionId, ConsoleSession session) {
}
