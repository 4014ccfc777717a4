package org.carewatch.patrol.spot;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A drawn spot check as the API shows it (the seed only from the start of its first day). */
public record SpotCheckView(long id, long districtId, LocalDate from, LocalDate to, String share, String seedCommitment,
                            String inputsDigest, String seed, Instant revealAt, List<SpotCheckRepository.Visit> checks,
                            List<JsonNode> unmet, String createdBy, Instant createdAt) {
}
