package org.carewatch.profiles.parse;

import com.fasterxml.jackson.databind.JsonNode;

/** Short, safe descriptions of values for error messages (quoted, truncated, control characters escaped). */
public final class Describe {

    private static final int MAX = 40;

    private Describe() {
    }

    /** Describes a parsed value: {@code "x"} for text, {@code 12} for numbers, {@code a list} for arrays... */
    public static String node(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return text(node.asText());
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "an object";
        }
        return truncate(node.asText());
    }

    /** Quotes text, escaping control characters and cutting it to a readable length. */
    public static String text(String value) {
        StringBuilder out = new StringBuilder("\"");
        String cut = truncate(value);
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String truncate(String value) {
        return value.length() <= MAX ? value : value.substring(0, MAX) + "...";
    }
}
