package org.carewatch.core.cameras;

import java.util.regex.Pattern;
import org.carewatch.core.errors.InvalidInputException;

/**
 * Writable fields of a camera as a client sends them. On update, absent (null) fields keep their value,
 * an empty password clears it, and {@code version} must be the one read.
 */
public record CameraInput(
        String name,
        String profileId,
        String host,
        Integer port,
        Integer channel,
        String stream,
        String path,
        String username,
        String password,
        CameraArea area,
        java.util.List<MaskRect> privacyMasks,
        Boolean held,
        Boolean active,
        Integer version) {

    // A host name or an IPv4/IPv6 literal; never a URL, user-info or path (those would bypass the profile).
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[?[0-9A-Fa-f:.]{2,45}]?");

    void validate(boolean create) {
        if (create) {
            require("name", name);
            require("profileId", profileId);
            require("host", host);
        } else if (version == null) {
            throw new InvalidInputException("version", "is required: send the version you read");
        }
        if (name != null && (name.isBlank() || name.length() > 200)) {
            throw new InvalidInputException("name", "must be 1-200 characters");
        }
        if (host != null && !HOST.matcher(host).matches()) {
            throw new InvalidInputException("host", "must be a host name or IP address only (no scheme, user, port or path)");
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw new InvalidInputException("port", "must be between 1 and 65535");
        }
        if (stream != null && !stream.equals("main") && !stream.equals("sub")) {
            throw new InvalidInputException("stream", "must be 'main' or 'sub'");
        }
        if (path != null && (path.length() > 500 || path.contains("@") || path.contains("#") || path.contains("://"))) {
            throw new InvalidInputException("path", "must be the stream path only, e.g. /live/main (no credentials or host)");
        }
        if (username != null && username.length() > 100) {
            throw new InvalidInputException("username", "must be at most 100 characters");
        }
        if (privacyMasks != null && (privacyMasks.size() > 32 || privacyMasks.stream().anyMatch(java.util.Objects::isNull))) {
            throw new InvalidInputException("privacyMasks", "must be a list of at most 32 masks");
        }
        if (password != null && password.length() > 200) {
            throw new InvalidInputException("password", "must be at most 200 characters");
        }
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
    }

    /** The same change without the privacy masks (they wait for approval). */
    CameraInput withoutMasks() {
        return new CameraInput(name, profileId, host, port, channel, stream, path, username, password, area, null, held, active, version);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "CameraInput[name=" + name + ", profileId=" + profileId + ", host=" + host + ", port=" + port + ", channel=" + channel
                + ", stream=" + stream + ", username=" + username + ", password=" + (password == null ? "null" : "***") + "]";
    }
}
