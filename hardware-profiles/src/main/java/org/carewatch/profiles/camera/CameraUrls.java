package org.carewatch.profiles.camera;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds camera URLs from a profile and what the facility typed. Credentials go into the user-info part
 * percent-encoded (every byte outside {@code A-Z a-z 0-9 - . _ ~}), so passwords with {@code @ : / %}
 * or non-ASCII characters stay intact. The returned URIs contain the password: log {@link #redact(URI)}.
 * Invalid input (a host with '/' or '@', a channel out of range...) gives an IllegalArgumentException
 * whose message names the problem and never contains the password.
 */
public final class CameraUrls {

    private static final Pattern HOSTNAME = Pattern.compile(
            "(?i)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*\\.?");
    private static final Pattern IPV6 = Pattern.compile("(?i)[0-9a-f:.]+");

    private CameraUrls() {
    }

    /** The RTSP URL of a stream, with credentials (if given) in the user-info part. */
    public static URI rtspUrl(CameraProfile profile, CameraAddress address, Credentials credentials) {
        int port = address.port() != null ? checkPort(address.port()) : profile.defaultPort();
        String template = address.stream() == StreamKind.SUB ? profile.subPathTemplate() : profile.mainPathTemplate();
        return build("rtsp", userInfo(profile, credentials), address.host(), port,
                pathFor(profile, template, address));
    }

    /**
     * The vendor's HTTP snapshot URL (without credentials: HTTP clients send them in an Authorization
     * header using {@link SnapshotEndpoint#auth()}), or empty when the profile has no snapshot endpoint.
     */
    public static Optional<URI> snapshotUrl(CameraProfile profile, CameraAddress address) {
        if (profile.snapshot() == null) {
            return Optional.empty();
        }
        SnapshotEndpoint s = profile.snapshot();
        return Optional.of(build(s.scheme(), null, address.host(), s.port(), pathFor(profile, s.pathTemplate(), address)));
    }

    /** The ONVIF device service URL, or empty when the profile does not support ONVIF. */
    public static Optional<URI> onvifDeviceServiceUrl(CameraProfile profile, CameraAddress address) {
        if (profile.onvifPort() == null) {
            return Optional.empty();
        }
        return Optional.of(build("http", null, address.host(), profile.onvifPort(), "/onvif/device_service"));
    }

    /** The URI as text with the password replaced by {@code ***}: safe for logs and screens. */
    public static String redact(URI uri) {
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null) {
            return uri.toString();
        }
        int colon = userInfo.indexOf(':');
        String masked = colon < 0 ? userInfo : userInfo.substring(0, colon) + ":***";
        String text = uri.toString();
        int at = text.indexOf(userInfo + "@");
        return text.substring(0, at) + masked + text.substring(at + userInfo.length());
    }

    /** Percent-encodes every UTF-8 byte outside the RFC 3986 unreserved set. */
    public static String encodeUserInfoPart(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String userInfo(CameraProfile profile, Credentials credentials) {
        if (credentials == null) {
            return null;
        }
        String user = credentials.user() == null || credentials.user().isEmpty()
                ? profile.defaultUser() : credentials.user();
        if (user == null) {
            throw new IllegalArgumentException("profile " + profile.id() + " needs a user name");
        }
        return encodeUserInfoPart(user) + ":" + encodeUserInfoPart(credentials.password());
    }

    private static String pathFor(CameraProfile profile, String template, CameraAddress address) {
        if (address.channel() < 1 || address.channel() > profile.maxChannels()) {
            throw new IllegalArgumentException("channel " + address.channel() + " is outside 1.."
                    + profile.maxChannels() + " for profile " + profile.id());
        }
        String path = null;
        if (template.contains("{path}")) {
            if (address.path() == null || address.path().isBlank()) {
                throw new IllegalArgumentException("profile " + profile.id() + " needs the stream path (e.g. /live/ch1)");
            }
            path = encodePath(address.path().trim());
        }
        return PathTemplate.expand(template, address.channel(), path);
    }

    /** Keeps characters legal in a path and query, percent-encodes the rest (spaces, non-ASCII...). */
    private static String encodePath(String raw) {
        String p = raw.startsWith("/") ? raw : "/" + raw;
        StringBuilder out = new StringBuilder();
        byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            boolean escape = c == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2]);
            if (escape || (c > 0x20 && c < 0x7f && "\"<>\\^`{|}#".indexOf(c) < 0 && c != '%')) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }

    private static int checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
        return port;
    }

    private static String hostPart(String host) {
        String h = host.trim();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.contains(":")) {
            if (!IPV6.matcher(h).matches()) {
                throw new IllegalArgumentException("host is not a valid IPv6 address: " + safe(host));
            }
            return "[" + h + "]";
        }
        if (!HOSTNAME.matcher(h).matches() || h.length() > 253) {
            throw new IllegalArgumentException("host must be a host name or IP address, got " + safe(host));
        }
        return h;
    }

    private static String safe(String text) {
        return org.carewatch.profiles.parse.Describe.text(text);
    }

    private static URI build(String scheme, String userInfo, String host, int port, String pathAndQuery) {
        String text = scheme + "://" + (userInfo == null ? "" : userInfo + "@") + hostPart(host) + ":" + port + pathAndQuery;
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("cannot build a URL for host " + safe(host));
            }
            return uri;
        } catch (URISyntaxException e) {
            // The reason, not the input: the input holds the password.
            throw new IllegalArgumentException("cannot build a URL: " + e.getReason());
        }
    }
}
