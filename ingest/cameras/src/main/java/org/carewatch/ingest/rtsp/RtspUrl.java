package org.carewatch.ingest.rtsp;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * An {@code rtsp://[user[:password]@]host[:port]/path} address split into where to connect, the request
 * URI without credentials (credentials never go on the wire in the URI, nor into logs), and the credentials.
 */
public record RtspUrl(String host, int port, String requestUri, Optional<Credentials> credentials) {

    public static final int DEFAULT_PORT = 554;

    public static RtspUrl parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid RTSP URL: " + redact(url));
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("rtsp"))) {
            throw new IllegalArgumentException("only rtsp:// URLs are supported: " + redact(url));
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("RTSP URL has no host: " + redact(url));
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        Optional<Credentials> credentials = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
            String password = colon < 0 ? "" : userInfo.substring(colon + 1);
            credentials = Optional.of(new Credentials(decode(user), decode(password)));
        }
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String requestUri = "rtsp://" + hostPart + (uri.getPort() == -1 ? "" : ":" + port) + path + query;
        return new RtspUrl(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port, requestUri,
                credentials);
    }

    /** The same URL with any password replaced, safe for logs and error messages. */
    public static String redact(String url) {
        if (url == null) {
            return "null";
        }
        return url.replaceAll("(?i)(rtsp://)([^/@]*)@", "$1***@");
    }

    /**
     * Resolves a control attribute from the SDP against a base URL (RFC 2326 C.1.1): absolute URLs are used
     * as they are, {@code *} means the base itself, anything else is relative to the base.
     */
    public static String resolveControl(String base, String control) {
        if (control == null || control.isEmpty() || control.equals("*")) {
            return base;
        }
        if (control.regionMatches(true, 0, "rtsp://", 0, 7)) {
            return control;
        }
        return base.endsWith("/") ? base + control : base + "/" + control;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "RtspUrl[" + requestUri + (credentials.isPresent() ? " with credentials" : "") + "]";
    }
}
