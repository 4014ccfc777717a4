package org.carewatch.alerts.rules;

import java.util.List;
import org.carewatch.profiles.sensor.SensorProfile;

/**
 * The rules the engine applies at one centre ({@link RuleOverrides#centreRules}), profile by profile: the
 * profiles of the centre's active sensors and any other profile the centre has overrides for, by id.
 */
public record CentreRules(long centreId, List<ProfileRules> profiles) {
    public CentreRules {
        profiles = List.copyOf(profiles);
    }

    /**
     * One profile at the centre: the catalogue's profile ({@code null} when the catalogue no longer has it),
     * the centre's active sensors of that profile, and each of its rules with the centre's override.
     */
    public record ProfileRules(String profileId, SensorProfile profile, List<Long> sensorIds, List<RuleBook.EffectiveRule> rules) {
        public ProfileRules {
            sensorIds = List.copyOf(sensorIds);
            rules = List.copyOf(rules);
        }

        public boolean known() {
            return profile != null;
        }
    }
}
