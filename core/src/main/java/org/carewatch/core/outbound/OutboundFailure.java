package org.carewatch.core.outbound;

import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.Locale;

/**
 * Why an outbound request got no usable answer, in the general terms an answer may name: never a banner,
 * a body or an exception text from whatever answered (or did not).
 */
public enum OutboundFailure {
    /** The outbound policy refused the address: nothing was contacted. */
    REFUSED_BY_POLICY("refused by the outbound policy"),
    /** No connection, or the connection failed (refused, reset, unknown host, TLS, not HTTP). */
    UNREACHABLE("unreachable"),
    /** No answer in time. */
    TIMEOUT("timeout");

    private final String text;

    OutboundFailure(String text) {
        this.text = text;
    }

    /** The short code, e.g. {@code refused_by_policy}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A few words for people (English; user-facing text comes from the message bundles by {@link #code()}). */
    public String text() {
        return text;
    }

    public static OutboundFailure of(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof OutboundRefusedException) {
                return REFUSED_BY_POLICY;
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SocketTimeoutException || c instanceof org.apache.hc.client5.http.ConnectTimeoutException
                    || c instanceof java.net.http.HttpTimeoutException
                    || (c instanceof InterruptedIOException && !(c instanceof java.nio.channels.ClosedByInterruptException))) {
                return TIMEOUT;
            }
        }
        return UNREACHABLE;
    }
}
