package org.carewatch.profiles.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken copies of the shipped catalogue must fail with the file, the field and what is wrong. */
class CatalogCheckTest {

    @TempDir
    Path dir;

    @BeforeEach
    void copyShippedCatalogue() throws IOException {
        copy(ShippedCatalogTest.MODULE_DIR, dir);
        assertThat(CatalogCheck.check(dir).ok()).isTrue();
    }

    static void copy(Path from, Path to) throws IOException {
        Files.copy(from.resolve("index.txt"), to.resolve("index.txt"));
        for (String kind : new String[] {"cameras", "sensors"}) {
            Files.createDirectories(to.resolve(kind));
            try (Stream<Path> files = Files.list(from.resolve(kind))) {
                for (Path f : files.toList()) {
                    Files.copy(f, to.resolve(kind).resolve(f.getFileName()));
                }
            }
        }
    }

    private void edit(String file, String from, String to) throws IOException {
        Path p = dir.resolve(file);
        String text = Files.readString(p, StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        Files.writeString(p, text.replace(from, to), StandardCharsets.UTF_8);
    }

    private CheckReport check() {
        CheckReport report = CatalogCheck.check(dir);
        assertThat(report.ok()).isFalse();
        return report;
    }

    @Test
    void wrongTypeNamesFileFieldAndValue() throws IOException {
        edit("sensors/tasmota-plug.yaml", "{name: power, path: /ENERGY/Power, unit: W, min: 0,",
                "{name: power, path: /ENERGY/Power, unit: W, min: x,");
        assertThat(check().errors()).extracting(CheckError::line)
                .containsExactly("sensors/tasmota-plug.yaml: field 'metrics[1].min': must be a number, got \"x\"");
    }

    @Test
    void unknownFieldIsAnErrorWithASpellingHint() throws IOException {
        edit("sensors/tasmota-sensor.yaml", "unit: hPa,", "unit: hPa, scael: 2,");
        edit("cameras/axis.yaml", "default_port: 554", "default_prot: 554");
        assertThat(check().errors()).extracting(CheckError::line).containsExactlyInAnyOrder(
                "cameras/axis.yaml: field 'default_prot': unknown field (did you mean 'default_port'?)",
                "sensors/tasmota-sensor.yaml: field 'metrics[2].scael': unknown field (did you mean 'scale'?)");
    }

    @Test
    void missingRequiredFieldsAreNamed() throws IOException {
        edit("cameras/dahua.yaml", "name_zh: 大华 摄像机/录像机\n", "");
        edit("sensors/z2m-gas.yaml", "offline_after: 30m\n", "");
        assertThat(check().errors()).extracting(CheckError::line).containsExactlyInAnyOrder(
                "cameras/dahua.yaml: field 'name_zh': is required",
                "sensors/z2m-gas.yaml: field 'offline_after': is required");
    }

    @Test
    void yamlSyntaxErrorsGiveTheLine() throws IOException {
        edit("sensors/z2m-smoke.yaml", "report_interval: 1h", "report_interval: [1h");
        CheckReport report = check();
        assertThat(report.errors()).hasSize(1);
        assertThat(report.errors().get(0).line()).startsWith("sensors/z2m-smoke.yaml: not valid YAML: line ");
    }

    @Test
    void unquotedPlaceholdersInFlowMappingsSayWhatIsWrong() throws IOException {
        edit("cameras/axis.yaml", "rtsp:\n  main: /axis-media/media.amp?camera={channel}\n  sub: /axis-media/media.amp?camera={channel}&resolution=640x360",
                "rtsp: {main: /axis-media/media.amp?camera={channel}, sub: /x}");
        // Column 35 is the '{' of {channel}: the placeholder must be quoted inside { ... }.
        assertThat(check().errors()).extracting(CheckError::line).singleElement().asString().startsWith(
                "cameras/axis.yaml: not valid YAML: line 11, column 35: while parsing a flow mapping: expected ',' or '}'");
    }

    @Test
    void duplicateKeysAreErrors() throws IOException {
        edit("cameras/uniview.yaml", "transport: tcp", "transport: tcp\ntransport: udp");
        assertThat(check().errors()).singleElement().extracting(CheckError::line).asString()
                .startsWith("cameras/uniview.yaml: not valid YAML").contains("transport");
    }

    @Test
    void badChoicesListTheAllowedWords() throws IOException {
        edit("cameras/hikvision.yaml", "quirks: []", "quirks: [no-get-parameter, missing-marker]");
        edit("sensors/z2m-smoke.yaml", "severity: critical}", "severity: urgent}");
        assertThat(check().errors()).extracting(CheckError::line).containsExactlyInAnyOrder(
                "cameras/hikvision.yaml: field 'quirks[1]': unknown quirk \"missing-marker\"; known: no-get-parameter, "
                        + "missing-marker-bit, fu-start-end-both-set, require-tcp, basic-auth-only, ignore-session-timeout, "
                        + "parameter-sets-in-sdp-only",
                "sensors/z2m-smoke.yaml: field 'alert_rules[0].severity': must be one of critical, major, minor, warning, got \"urgent\"");
    }

    @Test
    void alertRulesAreCheckedAgainstMetricsAndConditions() throws IOException {
        edit("sensors/z2m-air-quality.yaml", "{id: co2-warning, metric: co2,", "{id: co2-warning, metric: co3,");
        edit("sensors/z2m-air-quality.yaml", "{id: pm25-high, metric: pm25, condition: above, threshold: 75, clear: 60,",
                "{id: pm25-high, metric: pm25, condition: above, threshold: 75, clear: 90,");
        edit("sensors/z2m-smoke.yaml", "{id: smoke, metric: smoke, condition: boolean-true,",
                "{id: smoke, metric: battery, condition: boolean-true,");
        edit("sensors/z2m-gas.yaml", "{id: tamper, metric: tamper, condition: boolean-true,",
                "{id: tamper, metric: tamper, condition: above,");
        assertThat(check().errors()).extracting(CheckError::line).containsExactlyInAnyOrder(
                "sensors/z2m-air-quality.yaml: field 'alert_rules[0].metric': is not a metric of this profile: \"co3\"; known: "
                        + "[co2, voc, pm25, formaldehyde, temperature, humidity, air_quality, linkquality]",
                "sensors/z2m-air-quality.yaml: field 'alert_rules[2].clear': must not be above the threshold (75.0) for condition above, got 90.0",
                "sensors/z2m-smoke.yaml: field 'alert_rules[0].condition': boolean-true needs a boolean metric; 'battery' is number",
                "sensors/z2m-gas.yaml: field 'alert_rules[1].threshold': is required for condition above");
    }

    @Test
    void pathsTopicsAndTemplatesAreValidated() throws IOException {
        edit("sensors/tasmota-sensor.yaml", "path: /*/Humidity", "path: '*/Humidity'");
        edit("sensors/shelly-gen2-ht.yaml", "\"{device}/status/humidity:0\"", "\"status/humidity:0\"");
        edit("cameras/tp-link-tapo.yaml", "main: /stream1", "main: /stream{stream}");
        edit("cameras/ezviz.yaml", "sub: /h264/ch{channel}/sub/av_stream", "sub: h264/ch{channel}/sub/av_stream");
        assertThat(check().errors()).extracting(CheckError::line).containsExactlyInAnyOrder(
                "sensors/tasmota-sensor.yaml: field 'metrics[1].path': must be a JSON Pointer starting with '/' (e.g. /temperature), got \"*/Humidity\"",
                "sensors/shelly-gen2-ht.yaml: field 'topics[2]': must contain {device} exactly once as a whole topic level, got \"status/humidity:0\"",
                "cameras/tp-link-tapo.yaml: field 'rtsp.main': unknown placeholder {stream}; known: {channel}, {channel0}, {path}",
                "cameras/ezviz.yaml: field 'rtsp.sub': must start with '/', got \"h264/ch{channel}/sub/av_stream\"");
    }

    @Test
    void typeSpecificFieldsAndTimingAreChecked() throws IOException {
        edit("sensors/z2m-smoke.yaml", "{name: smoke, path: /smoke, type: boolean}", "{name: smoke, path: /smoke, type: boolean, unit: x, scale: 2}");
        edit("sensors/z2m-gas.yaml", "offline_after: 30m", "offline_after: 5m");
        edit("sensors/z2m-water-leak.yaml", "report_interval: 1h", "report_interval: hourly");
        assertThat(check().errors()).extracting(CheckError::line).containsExactlyInAnyOrder(
                "sensors/z2m-smoke.yaml: field 'metrics[0].scale': is only allowed for type number, this metric is boolean",
                "sensors/z2m-gas.yaml: field 'offline_after': must be longer than report_interval (10m), got 5m",
                "sensors/z2m-water-leak.yaml: field 'report_interval': must be a duration like 90s, 10m, 2h, 1d or PT10M, got \"hourly\"");
    }

    @Test
    void unquotedYesNoValuesGetAHint() throws IOException {
        edit("sensors/tasmota-plug.yaml", "true_values: [\"ON\"]", "true_values: [true]");
        assertThat(check().errors()).extracting(CheckError::line).containsExactly(
                "sensors/tasmota-plug.yaml: field 'metrics[0].true_values[0]': must be a non-empty string, got true (quote values like yes/no/on/off)");
    }

    @Test
    void idMustMatchFileNameAndBeUnique() throws IOException {
        Files.copy(dir.resolve("cameras/axis.yaml"), dir.resolve("cameras/axis-copy.yaml"));
        Files.copy(dir.resolve("sensors/z2m-gas.yaml"), dir.resolve("sensors/z2m-gas.json.txt"));
        CheckReport report = check();
        assertThat(report.errors()).extracting(CheckError::line).containsExactlyInAnyOrder(
                "cameras/axis-copy.yaml: field 'id': must match the file name \"axis-copy\", got \"axis\"",
                "sensors/z2m-gas.json.txt: is not a profile file (expected .yaml, .yml or .json)",
                "index.txt: does not list cameras/axis-copy.yaml (add it, or the built-in catalogue misses it)");
    }

    @Test
    void indexMustListExactlyTheFiles() throws IOException {
        Files.delete(dir.resolve("sensors/z2m-gas.yaml"));
        assertThat(check().errors()).extracting(CheckError::line)
                .containsExactly("index.txt: lists sensors/z2m-gas.yaml, which does not exist");
    }

    @Test
    void jsonProfilesAreAcceptedAndCheckedToo() throws IOException {
        Files.delete(dir.resolve("index.txt"));
        Files.writeString(dir.resolve("cameras/lab-cam.json"), """
                {"id": "lab-cam", "name": "Lab camera", "name_zh": "实验室摄像机", "vendor": "Lab",
                 "rtsp": {"main": "/main", "sub": "/sub"}, "quirks": ["require-tcp", "no-get-parameter"]}
                """);
        CheckReport ok = CatalogCheck.check(dir);
        assertThat(ok.errors()).isEmpty();
        assertThat(ok.cameras()).filteredOn(c -> c.id().equals("lab-cam")).singleElement()
                .satisfies(c -> assertThat(c.quirks()).extracting(Object::toString).containsExactly("no-get-parameter", "require-tcp"));
        Files.writeString(dir.resolve("cameras/lab-cam.json"), "{\"id\": \"lab-cam\", \"name\": 3,}");
        assertThat(check().errors()).singleElement().extracting(CheckError::line).asString()
                .startsWith("cameras/lab-cam.json: not valid JSON: line 1");
    }

    @Test
    void emptyAndNonMappingFilesAndMissingFolders(@TempDir Path empty) throws IOException {
        Files.writeString(dir.resolve("sensors/z2m-gas.yaml"), "");
        Files.writeString(dir.resolve("sensors/z2m-smoke.yaml"), "- just\n- a list\n");
        assertThat(check().errors()).extracting(CheckError::line).containsExactlyInAnyOrder(
                "sensors/z2m-gas.yaml: file is empty",
                "sensors/z2m-smoke.yaml: the document must be a mapping of fields, got a list");
        assertThat(CatalogCheck.check(empty).errors()).extracting(CheckError::line)
                .containsExactly(empty + ": has no cameras/ or sensors/ folder");
        assertThat(CatalogCheck.check(empty.resolve("nope")).errors()).extracting(CheckError::line)
                .containsExactly(empty.resolve("nope") + ": is not a folder");
    }

    @Test
    void summaryCountsProfiles() {
        CheckReport report = CatalogCheck.check(dir);
        assertThat(report.summary()).startsWith("OK: 8 camera profile(s), 13 sensor profile(s)")
                .contains("cameras: axis, dahua").contains("tasmota-plug");
    }
}
