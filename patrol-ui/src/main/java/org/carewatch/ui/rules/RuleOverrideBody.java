package org.carewatch.ui.rules;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code PUT /api/v1/centres/{id}/alert-rules/{profileId}/{ruleId}}: the whole override
 * (an omitted or null field keeps the profile's value; {@code enabled} defaults to true).
 */
public record RuleOverrideBody(Boolean enabled, Double threshold, Double clearThreshold, @JsonProperty("for") String forDuration,
                               String severity, String schedule) {
}
