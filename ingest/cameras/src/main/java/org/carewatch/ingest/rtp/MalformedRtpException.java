package org.carewatch.ingest.rtp;

/** Bytes that are not a valid RTP packet, or an RTP payload that breaks its payload format. */
public class MalformedRtpException extends RuntimeException {

    public MalformedRtpException(String message) {
        super(message);
    }
}
