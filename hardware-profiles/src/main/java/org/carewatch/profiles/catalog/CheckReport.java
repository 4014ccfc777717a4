package org.carewatch.profiles.catalog;

import java.util.List;
import java.util.stream.Collectors;
import org.carewatch.profiles.camera.CameraProfile;
import org.carewatch.profiles.sensor.SensorProfile;

/** The outcome of checking a catalogue folder: errors (empty when valid) and the profiles that were valid. */
public record CheckReport(List<CheckError> errors, List<CameraProfile> cameras, List<SensorProfile> sensors) {

    public CheckReport {
        errors = List.copyOf(errors);
        cameras = List.copyOf(cameras);
        sensors = List.copyOf(sensors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** A few lines: counts and the ids of each kind, e.g. for the end of {@code carewatch profiles check}. */
    public String summary() {
        int rules = sensors.stream().mapToInt(s -> s.alertRules().size()).sum();
        int metrics = sensors.stream().mapToInt(s -> s.metrics().size()).sum();
        return (ok() ? "OK: " : errors.size() + " error(s); valid: ")
                + cameras.size() + " camera profile(s), " + sensors.size() + " sensor profile(s) with "
                + metrics + " metric mapping(s) and " + rules + " default alert rule(s)\n"
                + "cameras: " + cameras.stream().map(CameraProfile::id).collect(Collectors.joining(", ")) + "\n"
                + "sensors: " + sensors.stream().map(SensorProfile::id).collect(Collectors.joining(", "));
    }
}
