package org.carewatch.profiles.catalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.carewatch.profiles.camera.CameraProfile;
import org.carewatch.profiles.sensor.SensorProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hardware-profile catalogue: the built-in profiles shipped with CareWatch, optionally overridden and
 * extended by an operator's folder (same layout: {@code cameras/}, {@code sensors/}) where a profile with
 * the same id replaces the built-in one. Immutable and thread-safe; profiles are ordered by id.
 */
public final class ProfileCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileCatalog.class);
    private static volatile ProfileCatalog builtIn;

    private final Map<String, CameraProfile> cameras;
    private final Map<String, SensorProfile> sensors;

    private ProfileCatalog(Map<String, CameraProfile> cameras, Map<String, SensorProfile> sensors) {
        this.cameras = java.util.Collections.unmodifiableMap(new TreeMap<>(cameras));
        this.sensors = java.util.Collections.unmodifiableMap(new TreeMap<>(sensors));
    }

    /** The profiles shipped in this module's jar (read once). */
    public static ProfileCatalog builtIn() {
        ProfileCatalog c = builtIn;
        if (c == null) {
            List<CheckError> errors = new ArrayList<>();
            List<ProfileFile> files = CatalogFolder.readBuiltIn(errors);
            ProfileReader.Result result = ProfileReader.read(files);
            errors.addAll(result.errors());
            if (!errors.isEmpty()) {
                throw new ProfileCatalogException("the built-in hardware-profile catalogue is broken", errors);
            }
            c = of(result.cameras(), result.sensors());
            builtIn = c;
        }
        return c;
    }

    /**
     * The built-in profiles plus those in {@code externalDir} (null: built-in only), the external ones
     * replacing built-in profiles with the same id.
     *
     * @throws ProfileCatalogException if any external file is invalid (nothing is half-loaded)
     */
    public static ProfileCatalog load(Path externalDir) {
        ProfileCatalog base = builtIn();
        if (externalDir == null) {
            return base;
        }
        CheckReport report = CatalogCheck.check(externalDir);
        if (!report.ok()) {
            throw new ProfileCatalogException("hardware profiles in " + externalDir + " are invalid", report.errors());
        }
        Map<String, CameraProfile> cams = new TreeMap<>(base.cameras);
        Map<String, SensorProfile> sens = new TreeMap<>(base.sensors);
        for (CameraProfile c : report.cameras()) {
            if (sens.containsKey(c.id())) {
                throw new ProfileCatalogException("hardware profiles in " + externalDir + " are invalid", List.of(
                        new CheckError("cameras/" + c.id(), "id", "\"" + c.id() + "\" is already a sensor profile")));
            }
            if (cams.put(c.id(), c) != null) {
                LOG.info("Camera profile {} from {} overrides the built-in one", c.id(), externalDir);
            }
        }
        for (SensorProfile s : report.sensors()) {
            if (cams.containsKey(s.id())) {
                throw new ProfileCatalogException("hardware profiles in " + externalDir + " are invalid", List.of(
                        new CheckError("sensors/" + s.id(), "id", "\"" + s.id() + "\" is already a camera profile")));
            }
            if (sens.put(s.id(), s) != null) {
                LOG.info("Sensor profile {} from {} overrides the built-in one", s.id(), externalDir);
            }
        }
        LOG.info("Loaded {} camera and {} sensor profiles ({} from {})", cams.size(), sens.size(),
                report.cameras().size() + report.sensors().size(), externalDir);
        return new ProfileCatalog(cams, sens);
    }

    private static ProfileCatalog of(Collection<CameraProfile> cams, Collection<SensorProfile> sens) {
        Map<String, CameraProfile> c = new TreeMap<>();
        cams.forEach(p -> c.put(p.id(), p));
        Map<String, SensorProfile> s = new TreeMap<>();
        sens.forEach(p -> s.put(p.id(), p));
        return new ProfileCatalog(c, s);
    }

    public List<CameraProfile> cameras() {
        return List.copyOf(cameras.values());
    }

    public List<SensorProfile> sensors() {
        return List.copyOf(sensors.values());
    }

    public Optional<CameraProfile> camera(String id) {
        return Optional.ofNullable(id == null ? null : cameras.get(id));
    }

    public Optional<SensorProfile> sensor(String id) {
        return Optional.ofNullable(id == null ? null : sensors.get(id));
    }
}
