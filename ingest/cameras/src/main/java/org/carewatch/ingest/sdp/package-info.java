/** SDP (RFC 8866) as answered to an RTSP DESCRIBE: tracks, control URLs, rtpmap/fmtp, parameter sets. */
package org.carewatch.ingest.sdp;
