package org.carewatch.ingest.sdp;

/** An SDP that cannot be used (not SDP at all, or a media line or attribute that breaks the grammar). */
public class SdpParseException extends RuntimeException {

    public SdpParseException(String message) {
        super(message);
    }
}
