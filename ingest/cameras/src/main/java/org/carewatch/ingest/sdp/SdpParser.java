package org.carewatch.ingest.sdp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.NalUnits;
import org.carewatch.ingest.media.ParameterSets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Line-oriented SDP parsing; lenient about what clients may ignore, strict about what they use. */
final class SdpParser {

    private static final Logger LOG = LoggerFactory.getLogger(SdpParser.class);
    private static final int MAX_SDP_CHARS = 64 * 1024;
    private static final int MAX_TRACKS = 32;

    private SdpParser() {
    }

    static SessionDescription parse(String sdp, URI contentBase) {
        if (sdp == null || contentBase == null) {
            throw new SdpParseException("SDP and content base are required");
        }
        if (sdp.length() > MAX_SDP_CHARS) {
            throw new SdpParseException("SDP longer than " + MAX_SDP_CHARS + " characters");
        }
        if (!contentBase.isAbsolute()) {
            throw new SdpParseException("content base is not an absolute URI: " + contentBase);
        }
        String[] lines = sdp.split("\r\n|\n|\r");
        String sessionName = "";
        String sessionControl = null;
        boolean sawVersion = false;
        List<TrackBuilder> builders = new ArrayList<>();
        TrackBuilder current = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=') {
                throw new SdpParseException("not an SDP line: " + abbreviate(line));
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            switch (type) {
                case 'v' -> sawVersion = true;
                case 's' -> {
                    if (current == null) {
                        sessionName = value;
                    }
                }
                case 'm' -> {
                    if (builders.size() >= MAX_TRACKS) {
                        throw new SdpParseException("more than " + MAX_TRACKS + " media sections");
                    }
                    current = TrackBuilder.fromMediaLine(value);
                    builders.add(current);
                }
                case 'a' -> {
                    int colon = value.indexOf(':');
                    String name = (colon < 0 ? value : value.substring(0, colon)).toLowerCase(Locale.ROOT);
                    String attr = colon < 0 ? "" : value.substring(colon + 1).strip();
                    if (current == null) {
                        if (name.equals("control")) {
                            sessionControl = attr;
                        }
                    } else {
                        current.attribute(name, attr);
                    }
                }
                default -> {
                    // o=, c=, t=, b=, i= ...: not needed by a receiving client.
                }
            }
        }
        if (!sawVersion) {
            throw new SdpParseException("no v= line: not an SDP");
        }
        URI aggregate = sessionControl == null ? contentBase : resolve(contentBase, sessionControl);
        List<MediaTrack> tracks = new ArrayList<>(builders.size());
        for (TrackBuilder b : builders) {
            tracks.add(b.build(contentBase, aggregate));
        }
        return new SessionDescription(sessionName, contentBase, aggregate, tracks);
    }

    /**
     * Resolves a control attribute: "*" is the base itself, an absolute URL stands, a relative one is
     * appended to the base with a '/' (as cameras and FFmpeg expect, unlike RFC 3986 resolution, which
     * would drop the base's last path segment).
     */
    static URI resolve(URI base, String control) {
        String c = control.strip();
        if (c.isEmpty() || c.equals("*")) {
            return base;
        }
        try {
            URI u = new URI(c);
            if (u.isAbsolute()) {
                return u;
            }
        } catch (URISyntaxException e) {
            throw new SdpParseException("control attribute is not a URI: " + abbreviate(c));
        }
        String b = base.toString();
        if (c.startsWith("/")) {
            return base.resolve(c);
        }
        String joined = b.endsWith("/") ? b + c : b + "/" + c;
        try {
            return new URI(joined);
        } catch (URISyntaxException e) {
            throw new SdpParseException("control URL cannot be resolved: " + abbreviate(joined));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    private static final class TrackBuilder {
        private final String media;
        private final int payloadType;
        private String encodingName = "";
        private int clockRate;
        private final Map<String, String> fmtp = new LinkedHashMap<>();
        private String control;

        private TrackBuilder(String media, int payloadType) {
            this.media = media;
            this.payloadType = payloadType;
        }

        static TrackBuilder fromMediaLine(String value) {
            // m=<media> <port>[/<count>] <proto> <fmt> ...
            String[] parts = value.strip().split("\\s+");
            if (parts.length < 4) {
                throw new SdpParseException("bad media line: m=" + abbreviate(value));
            }
            int pt;
            try {
                pt = Integer.parseInt(parts[3]);
            } catch (NumberFormatException e) {
                pt = -1; // non-RTP formats (e.g. "application ... TCP/MRCP"): keep the track, unusable
            }
            if (pt > 127) {
                throw new SdpParseException("payload type out of range in m=" + abbreviate(value));
            }
            return new TrackBuilder(parts[0].toLowerCase(Locale.ROOT), pt);
        }

        void attribute(String name, String value) {
            switch (name) {
                case "control" -> control = value;
                case "rtpmap" -> rtpmap(value);
                case "fmtp" -> fmtp(value);
                default -> {
                }
            }
        }

        private void rtpmap(String value) {
            // a=rtpmap:<pt> <encoding>/<clock>[/<params>]
            String[] parts = value.split("\\s+", 2);
            if (parts.length < 2 || !isOurPayloadType(parts[0])) {
                return;
            }
            String[] enc = parts[1].strip().split("/");
            encodingName = enc[0].strip();
            if (enc.length > 1) {
                try {
                    clockRate = Integer.parseInt(enc[1].strip());
                } catch (NumberFormatException e) {
                    throw new SdpParseException("bad clock rate in a=rtpmap:" + abbreviate(value));
                }
            }
        }

        private void fmtp(String value) {
            String[] parts = value.split("\\s+", 2);
            if (parts.length < 2 || !isOurPayloadType(parts[0])) {
                return;
            }
            for (String param : parts[1].split(";")) {
                String p = param.strip();
                if (p.isEmpty()) {
                    continue;
                }
                int eq = p.indexOf('=');
                if (eq < 0) {
                    fmtp.put(p.toLowerCase(Locale.ROOT), "");
                } else {
                    // Values are base64 and may end in '=': split at the first '=' only.
                    fmtp.put(p.substring(0, eq).strip().toLowerCase(Locale.ROOT), p.substring(eq + 1).strip());
                }
            }
        }

        private boolean isOurPayloadType(String s) {
            try {
                return Integer.parseInt(s.strip()) == payloadType;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        MediaTrack build(URI contentBase, URI aggregate) {
            URI controlUri = control == null ? aggregate : resolve(contentBase, control);
            ParameterSets sets = Codec.fromEncodingName(encodingName)
                    .filter(c -> media.equals("video"))
                    .map(this::parameterSets)
                    .orElse(null);
            return new MediaTrack(media, payloadType, encodingName, clockRate, fmtp, controlUri, sets);
        }

        private ParameterSets parameterSets(Codec codec) {
            try {
                if (codec == Codec.H264) {
                    String sprop = fmtp.get("sprop-parameter-sets");
                    if (sprop == null) {
                        return null;
                    }
                    byte[] sps = null;
                    byte[] pps = null;
                    for (String b64 : sprop.split(",")) {
                        byte[] nal = decode(b64);
                        if (nal == null) {
                            continue;
                        }
                        int t = NalUnits.type(Codec.H264, nal);
                        if (t == NalUnits.H264_SPS && sps == null) {
                            sps = nal;
                        } else if (t == NalUnits.H264_PPS && pps == null) {
                            pps = nal;
                        }
                    }
                    return sps != null && pps != null ? ParameterSets.h264(sps, pps) : null;
                }
                byte[] vps = first(fmtp.get("sprop-vps"));
                byte[] sps = first(fmtp.get("sprop-sps"));
                byte[] pps = first(fmtp.get("sprop-pps"));
                return vps != null && sps != null && pps != null ? ParameterSets.h265(vps, sps, pps) : null;
            } catch (IllegalArgumentException e) {
                // A broken sprop is common on cheap cameras; in-band parameter sets still work.
                LOG.debug("ignoring unusable parameter sets in SDP: {}", e.getMessage());
                return null;
            }
        }

        private static byte[] first(String list) {
            if (list == null) {
                return null;
            }
            for (String b64 : list.split(",")) {
                byte[] nal = decode(b64);
                if (nal != null) {
                    return nal;
                }
            }
            return null;
        }

        private static byte[] decode(String b64) {
            String s = b64.strip();
            if (s.isEmpty()) {
                return null;
            }
            byte[] nal = Base64.getDecoder().decode(s);
            return nal.length == 0 ? null : nal;
        }
    }
}
