package org.carewatch.patrol.rules;

import java.time.ZoneId;
import java.util.List;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.patrol.plan.RoundRule;

/**
 * A district's rotation rules: its rounds (local times in {@code timeZone}), how old a sampled frame may be
 * when reviewed, how far before a round its frames are taken, and how many inspectors a field check needs.
 */
public record RotationRules(long districtId, String timeZone, List<RoundRule> rounds, int maxFrameAgeMinutes,
                            int sampleLeadMinutes, int inspectorsPerCheck, int version) {

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** The body of {@code PUT /districts/{id}/rotation-rules}. */
    public record Input(String timeZone, List<RoundRule> rounds, Integer maxFrameAgeMinutes, Integer sampleLeadMinutes,
                        Integer inspectorsPerCheck, Integer version) {
        public void validate() {
            if (version == null) {
                throw new InvalidInputException("version", "is required: send the version you read (0 before the first change)");
            }
            if (timeZone != null) {
                try {
                    ZoneId.of(timeZone);
                } catch (RuntimeException e) {
                    throw new InvalidInputException("timeZone", "must be a time-zone id such as Asia/Shanghai");
                }
            }
            if (rounds == null || rounds.isEmpty() || rounds.size() > 12) {
                throw new InvalidInputException("rounds", "must list 1 to 12 rounds");
            }
            for (int i = 0; i < rounds.size(); i++) {
                RoundRule r = rounds.get(i);
                String f = "rounds[" + i + "]";
                if (r == null) {
                    throw new InvalidInputException(f, "is required");
                }
                if (r.name() == null || r.name().isBlank() || r.name().length() > 50) {
                    throw new InvalidInputException(f + ".name", "must be 1-50 characters");
                }
                if (r.startsAt() == null || r.endsAt() == null || !r.endsAt().isAfter(r.startsAt())) {
                    throw new InvalidInputException(f + ".endsAt", "needs startsAt and endsAt (HH:mm), ending after it starts");
                }
                if (r.coverage() == null) {
                    throw new InvalidInputException(f + ".coverage", "must be all_open or napping");
                }
                for (int j = 0; j < i; j++) {
                    if (rounds.get(j).name().equals(r.name())) {
                        throw new InvalidInputException(f + ".name", "is used by another round");
                    }
                }
            }
            check("maxFrameAgeMinutes", maxFrameAgeMinutes, 1, 1440);
            check("sampleLeadMinutes", sampleLeadMinutes, 0, 720);
            check("inspectorsPerCheck", inspectorsPerCheck, 2, 10);
        }

        private static void check(String field, Integer v, int min, int max) {
            if (v != null && (v < min || v > max)) {
                throw new InvalidInputException(field, "must be between " + min + " and " + max);
            }
        }
    }
}
