package org.carewatch.profiles.sensor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Where a value sits in a payload: JSON Pointer syntax (RFC 6901), e.g. {@code /params/temperature:0/tC}
 * ({@code ~1} stands for '/' and {@code ~0} for '~' inside a key; any other character, ':' included, is
 * literal), plus one extension: a segment {@code *} matches any member of an object or element of a list,
 * the first that yields a value winning (Tasmota names its sensor object after the chip:
 * {@code /* /Temperature} without the space). The empty path {@code ""} is the whole payload.
 */
public final class PayloadPath {

    private static final String ANY = "*";
    private final String text;
    private final List<String> segments;

    private PayloadPath(String text, List<String> segments) {
        this.text = text;
        this.segments = segments;
    }

    /** Parses a path, or returns empty when it is not valid (see {@link #problem(String)}). */
    public static Optional<PayloadPath> parse(String text) {
        return problem(text).isPresent() ? Optional.empty() : Optional.of(parseValid(text));
    }

    /** What is wrong with a path, or empty when it is valid. */
    public static Optional<String> problem(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (!text.startsWith("/")) {
            return Optional.of("must be a JSON Pointer starting with '/' (e.g. /temperature), got \"" + text + "\"");
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '~' && (i + 1 >= text.length() || "01".indexOf(text.charAt(i + 1)) < 0)) {
                return Optional.of("'~' must be followed by 0 or 1 (~0 is '~', ~1 is '/'), in \"" + text + "\"");
            }
        }
        return Optional.empty();
    }

    private static PayloadPath parseValid(String text) {
        List<String> segs = new ArrayList<>();
        if (!text.isEmpty()) {
            for (String s : text.substring(1).split("/", -1)) {
                segs.add(s.replace("~1", "/").replace("~0", "~"));
            }
        }
        return new PayloadPath(text, List.copyOf(segs));
    }

    /** The value at this path, or a missing node. */
    public JsonNode find(JsonNode root) {
        return find(root, 0);
    }

    private JsonNode find(JsonNode node, int index) {
        if (index == segments.size()) {
            return node;
        }
        String seg = segments.get(index);
        if (seg.equals(ANY) && node.isContainerNode()) {
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                JsonNode found = find(it.next(), index + 1);
                if (!found.isMissingNode() && !found.isNull()) {
                    return found;
                }
            }
            return MissingNode.getInstance();
        }
        JsonNode next;
        if (node.isObject()) {
            next = node.get(seg);
        } else if (node.isArray() && seg.matches("0|[1-9][0-9]{0,8}")) {
            next = node.get(Integer.parseInt(seg));
        } else {
            next = null;
        }
        return next == null ? MissingNode.getInstance() : find(next, index + 1);
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PayloadPath p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
