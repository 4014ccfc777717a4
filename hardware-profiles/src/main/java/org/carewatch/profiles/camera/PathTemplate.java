package org.carewatch.profiles.camera;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RTSP and snapshot path templates: a path (and query) starting with '/', with placeholders
 * {@code {channel}} (1-based), {@code {channel0}} (0-based) and {@code {path}} (user-typed stream path).
 * Host, port and credentials are never part of a template, so a template cannot redirect them.
 */
final class PathTemplate {

    static final Set<String> PLACEHOLDERS = Set.of("channel", "channel0", "path");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    private PathTemplate() {
    }

    /** A problem with the template text, or empty when it is valid. */
    static Optional<String> validate(String template) {
        if (!template.startsWith("/")) {
            return Optional.of("must start with '/', got \"" + template + "\"");
        }
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                return Optional.of("unknown placeholder {" + m.group(1) + "}; known: {channel}, {channel0}, {path}");
            }
        }
        String sample = expand(template, 1, "/live");
        if (sample.contains("{") || sample.contains("}")) {
            return Optional.of("has an unbalanced '{' or '}'");
        }
        try {
            URI uri = new URI("rtsp://h" + sample);
            if (uri.getRawFragment() != null) {
                return Optional.of("must not contain a '#' fragment");
            }
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL path: " + e.getReason());
        }
        return Optional.empty();
    }

    /** Expands a template; {@code encodedPath} must already be encoded and start with '/'. */
    static String expand(String template, int channel, String encodedPath) {
        String path = encodedPath == null ? "" : encodedPath.substring(1);
        return template
                .replace("{channel0}", Integer.toString(channel - 1))
                .replace("{channel}", Integer.toString(channel))
                .replace("{path}", path);
    }
}
