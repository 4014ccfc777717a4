package org.carewatch.core.outbound;

/**
 * A connection the outbound policy does not allow. The message names the kind of address in general
 * terms (loopback, link-local, metadata, private ...), never what answered there: nothing was contacted.
 */
public final class OutboundRefusedException extends RuntimeException {
    private final String host;

    public OutboundRefusedException(String host, String reason) {
        super("refused by the outbound policy: " + reason);
        this.host = host;
    }

    /** The host as given (a name or an address literal). */
    public String host() {
        return host;
    }
}
