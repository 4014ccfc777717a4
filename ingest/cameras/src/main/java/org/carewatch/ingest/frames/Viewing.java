package org.carewatch.ingest.frames;

/**
 * Why and from where a person looks at a camera: what the access log keeps beside who, what and when.
 *
 * @param purpose the stated reason (e.g. "nap check", "patrol round 2"); empty when none was given
 * @param client  where the request came from (the client's address)
 */
public record Viewing(String purpose, String client) {
    public Viewing {
        purpose = purpose == null ? "" : purpose;
        client = client == null ? "" : client;
    }
}
