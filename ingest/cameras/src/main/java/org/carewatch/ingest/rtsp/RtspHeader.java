package org.carewatch.ingest.rtsp;

import io.netty.util.AsciiString;

/**
 * RTSP header names in their canonical capitalisation. Netty's {@code RtspHeaderNames} are lower case;
 * header names are case-insensitive by the RFC, but some camera firmwares only understand e.g. "CSeq".
 */
public final class RtspHeader {

    public static final AsciiString CSEQ = AsciiString.cached("CSeq");
    public static final AsciiString SESSION = AsciiString.cached("Session");
    public static final AsciiString TRANSPORT = AsciiString.cached("Transport");
    public static final AsciiString AUTHORIZATION = AsciiString.cached("Authorization");
    public static final AsciiString WWW_AUTHENTICATE = AsciiString.cached("WWW-Authenticate");
    public static final AsciiString USER_AGENT = AsciiString.cached("User-Agent");
    public static final AsciiString ACCEPT = AsciiString.cached("Accept");
    public static final AsciiString CONTENT_BASE = AsciiString.cached("Content-Base");
    public static final AsciiString CONTENT_LOCATION = AsciiString.cached("Content-Location");
    public static final AsciiString CONTENT_TYPE = AsciiString.cached("Content-Type");
    public static final AsciiString CONTENT_LENGTH = AsciiString.cached("Content-Length");
    public static final AsciiString PUBLIC = AsciiString.cached("Public");
    public static final AsciiString LOCATION = AsciiString.cached("Location");
    public static final AsciiString RANGE = AsciiString.cached("Range");
    public static final AsciiString RTP_INFO = AsciiString.cached("RTP-Info");
    public static final AsciiString SERVER = AsciiString.cached("Server");

    private RtspHeader() {
    }
}
