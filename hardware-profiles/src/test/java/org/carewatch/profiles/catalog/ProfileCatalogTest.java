package org.carewatch.profiles.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.carewatch.profiles.camera.Quirk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileCatalogTest {

    @TempDir
    Path external;

    @Test
    void externalFolderOverridesByIdAndAddsNewProfiles() throws IOException {
        Files.createDirectories(external.resolve("cameras"));
        Files.writeString(external.resolve("cameras/hikvision.yaml"), """
                id: hikvision
                name: Hikvision (site firmware)
                name_zh: 海康威视（现场固件）
                vendor: Hikvision
                rtsp: {main: "/Streaming/Channels/{channel}01", sub: "/Streaming/Channels/{channel}02"}
                max_channels: 32
                quirks: [no-get-parameter, require-tcp]
                """);
        Files.writeString(external.resolve("cameras/hikvision-old-dvr.yaml"), """
                id: hikvision-old-dvr
                name: Hikvision old DVR
                name_zh: 海康威视 旧款硬盘录像机
                vendor: Hikvision
                rtsp: {main: "/h264/ch{channel}/main/av_stream", sub: "/h264/ch{channel}/sub/av_stream"}
                max_channels: 16
                """);
        ProfileCatalog catalog = ProfileCatalog.load(external);
        assertThat(catalog.camera("hikvision")).get().satisfies(c -> {
            assertThat(c.name()).isEqualTo("Hikvision (site firmware)");
            assertThat(c.quirks()).containsExactly(Quirk.NO_GET_PARAMETER, Quirk.REQUIRE_TCP);
            assertThat(c.snapshot()).isNull();
        });
        assertThat(catalog.camera("hikvision-old-dvr")).isPresent();
        assertThat(catalog.cameras()).hasSize(ProfileCatalog.builtIn().cameras().size() + 1);
        assertThat(catalog.sensors()).isEqualTo(ProfileCatalog.builtIn().sensors());
        // The built-in catalogue itself is untouched.
        assertThat(ProfileCatalog.builtIn().camera("hikvision").orElseThrow().quirks()).isEmpty();
    }

    @Test
    void nullMeansBuiltInOnly() {
        assertThat(ProfileCatalog.load(null)).isSameAs(ProfileCatalog.builtIn());
    }

    @Test
    void brokenExternalFolderFailsWholeWithEveryError() throws IOException {
        Files.createDirectories(external.resolve("sensors"));
        Files.writeString(external.resolve("sensors/my-sensor.yaml"), """
                id: my-sensor
                name: Mine
                vendor: Me
                topics: ["x/{device}"]
                metrics: [{name: t, path: /t, unit: C, scale: "x"}]
                report_interval: 1m
                offline_after: 5m
                """);
        assertThatThrownBy(() -> ProfileCatalog.load(external))
                .isInstanceOf(ProfileCatalogException.class)
                .hasMessageContaining("sensors/my-sensor.yaml: field 'name_zh': is required")
                .hasMessageContaining("sensors/my-sensor.yaml: field 'metrics[0].scale': must be a number, got \"x\"")
                .satisfies(e -> assertThat(((ProfileCatalogException) e).errors()).hasSize(2));
    }

    @Test
    void anIdCannotBeBothKinds() throws IOException {
        Files.createDirectories(external.resolve("sensors"));
        String z2m = Files.readString(ShippedCatalogTest.MODULE_DIR.resolve("sensors/z2m-gas.yaml"));
        Files.writeString(external.resolve("sensors/axis.yaml"), z2m.replace("id: z2m-gas", "id: axis"));
        assertThatThrownBy(() -> ProfileCatalog.load(external))
                .isInstanceOf(ProfileCatalogException.class)
                .hasMessageContaining("\"axis\" is already a camera profile");
    }
}
