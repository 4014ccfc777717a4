package org.carewatch.profiles.parse;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems found while reading one profile file: a field path and what is wrong with it. */
public final class Problems {

    /** One problem; {@code field} is a path like {@code metrics[2].scale}, empty for the whole document. */
    public record Problem(String field, String message) {
    }

    private final List<Problem> problems = new ArrayList<>();

    public void add(String field, String message) {
        problems.add(new Problem(field, message));
    }

    public int count() {
        return problems.size();
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<Problem> list() {
        return List.copyOf(problems);
    }
}
