package org.carewatch.patrol.review;

import java.util.List;

/**
 * The body of {@code POST /patrols/visits/{id}/verdict}: {@code {verdict: "normal"}} or {@code {verdict:
 * "findings", findings: [...]}}. Checked by {@link ReviewService}, which knows the visit's frames and classes.
 */
public record VerdictInput(String verdict, List<FindingInput> findings) {

    /** One finding: category and note; severity (default major; suspected abuse is always critical); frames; counts. */
    public record FindingInput(String category, String severity, String note, List<Long> frameIds, List<CountInput> counts) {
    }

    /** Adults and children seen in a frame for one of the centre's classes. */
    public record CountInput(Long classId, Integer adults, Integer children) {
    }
}
