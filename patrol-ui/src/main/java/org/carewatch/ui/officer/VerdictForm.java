package org.carewatch.ui.officer;

import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import org.carewatch.patrol.review.VerdictInput;
import org.carewatch.ui.http.ApiError;

/**
 * The visit page's verdict form as the review's {@link VerdictInput}: {@code verdict=normal}, or
 * {@code verdict=findings} with one finding (category, severity, note, the ticked frames, and the counts typed
 * per class: {@code classId}, {@code adults}, {@code children} in the table's order; a class left blank is not
 * counted). Only the shape is checked here (numbers are numbers); the review checks everything else.
 */
final class VerdictForm {
    private VerdictForm() {
    }

    static VerdictInput parse(MultiMap form) {
        String verdict = form.get("verdict");
        if (!"findings".equals(verdict)) {
            return new VerdictInput(verdict, List.of());
        }
        List<Long> frames = new ArrayList<>();
        for (String raw : form.getAll("frameIds")) {
            frames.add(number(raw, "frameIds"));
        }
        List<String> classIds = form.getAll("classId");
        List<String> adults = form.getAll("adults");
        List<String> children = form.getAll("children");
        List<VerdictInput.CountInput> counts = new ArrayList<>();
        for (int i = 0; i < classIds.size(); i++) {
            Integer a = i < adults.size() ? count(adults.get(i), "adults") : null;
            Integer c = i < children.size() ? count(children.get(i), "children") : null;
            if (a == null && c == null) {
                continue;
            }
            counts.add(new VerdictInput.CountInput(number(classIds.get(i), "classId"), a, c));
        }
        var finding = new VerdictInput.FindingInput(form.get("category"), blankToNull(form.get("severity")), form.get("note"), frames, counts);
        return new VerdictInput("findings", List.of(finding));
    }

    /** A count as typed: null when blank or not a whole number (the flags wait for one). */
    static Integer count(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            int v = Integer.parseInt(raw.strip());
            return v < 0 ? null : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer count(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid_field", "'" + field + "' must be a whole number, got '" + shorten(raw) + "'", field);
        }
    }

    private static long number(String raw, String field) {
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException | NullPointerException e) {
            throw ApiError.badRequest("invalid_field", "'" + field + "' must be a whole number, got '" + shorten(raw) + "'", field);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String shorten(String s) {
        return s == null ? "" : s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
