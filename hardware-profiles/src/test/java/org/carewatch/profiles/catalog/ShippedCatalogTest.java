package org.carewatch.profiles.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ShippedCatalogTest {

    /** Surefire runs in the module folder, which is the catalogue folder. */
    static final Path MODULE_DIR = Path.of("").toAbsolutePath();

    @Test
    void shippedCatalogueChecksClean() {
        CheckReport report = CatalogCheck.check(MODULE_DIR);
        assertThat(report.errors()).as(report.summary()).isEmpty();
        assertThat(report.cameras()).extracting(c -> c.id()).containsExactlyInAnyOrder(
                "axis", "dahua", "ezviz", "generic-onvif", "generic-rtsp", "hikvision", "tp-link-tapo", "uniview");
        assertThat(report.sensors()).hasSizeGreaterThanOrEqualTo(13);
    }

    @Test
    void builtInCatalogueFromTheClasspathHasEveryShippedProfile() {
        CheckReport report = CatalogCheck.check(MODULE_DIR);
        ProfileCatalog builtIn = ProfileCatalog.builtIn();
        assertThat(builtIn.cameras()).containsExactlyInAnyOrderElementsOf(report.cameras());
        assertThat(builtIn.sensors()).containsExactlyInAnyOrderElementsOf(report.sensors());
        assertThat(builtIn.camera("hikvision")).isPresent();
        assertThat(builtIn.sensor("tasmota-sensor")).isPresent();
        assertThat(builtIn.camera("nope")).isEmpty();
    }

    @Test
    void lifeSafetyProfilesAreThoseWithAnImmediateCriticalRule() {
        ProfileCatalog builtIn = ProfileCatalog.builtIn();
        assertThat(builtIn.sensors()).filteredOn(p -> p.lifeSafety()).extracting(p -> p.id()).containsExactlyInAnyOrder(
                "z2m-smoke", "z2m-gas", "z2m-emergency-button", "shelly-plus-smoke", "generic-json");
    }
}
