package org.carewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ProfilesCommandTest {

    /** Surefire runs in patrol-ui/; the shipped catalogue is the sibling module folder. */
    static final Path CATALOGUE = Path.of("..", "hardware-profiles").toAbsolutePath().normalize();

    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ProfilesCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void checkPassesOnTheShippedCatalogue() {
        Run r = run("check", CATALOGUE.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("OK: 8 camera profile(s), 13 sensor profile(s)").contains("hikvision").contains("z2m-smoke");
    }

    @Test
    void checkFailsOnABrokenCopyNamingFileFieldAndProblem(@TempDir Path dir) throws IOException {
        copyCatalogue(dir);
        Path tasmota = dir.resolve("sensors/tasmota-sensor.yaml");
        Files.writeString(tasmota, Files.readString(tasmota).replace("unit: hPa, min: 300", "unit: hPa, scale: \"x\", min: 300"));
        Path axis = dir.resolve("cameras/axis.yaml");
        Files.writeString(axis, Files.readString(axis).replace("transport: tcp", "transprot: tcp"));
        Run r = run("check", dir.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).containsExactly(
                "cameras/axis.yaml: field 'transprot': unknown field (did you mean 'transport'?)",
                "sensors/tasmota-sensor.yaml: field 'metrics[2].scale': must be a number, got \"x\"",
                "2 error(s) in " + dir);
    }

    @Test
    void checkOfAMissingFolderFails(@TempDir Path dir) {
        Run r = run("check", dir.resolve("missing").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("is not a folder");
    }

    @Test
    void listShowsEveryProfileWithBothNames() {
        Run r = run("list");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Cameras (8):").contains("Sensors (13):")
                .contains("hikvision").contains("海康威视").contains("tasmota-plug").contains("Tasmota 计量智能插座");
    }

    @Test
    void listWithABrokenExternalFolderFails(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("cameras"));
        Files.writeString(dir.resolve("cameras/x.yaml"), "id: x\n");
        Run r = run("list", "--dir", dir.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cameras/x.yaml: field 'name': is required");
    }

    @Test
    void noSubcommandPrintsUsage() {
        Run r = run();
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Usage: profiles").contains("check").contains("list");
    }

    private static void copyCatalogue(Path to) throws IOException {
        Files.copy(CATALOGUE.resolve("index.txt"), to.resolve("index.txt"));
        for (String kind : new String[] {"cameras", "sensors"}) {
            Files.createDirectories(to.resolve(kind));
            try (Stream<Path> files = Files.list(CATALOGUE.resolve(kind))) {
                for (Path f : files.toList()) {
                    Files.writeString(to.resolve(kind).resolve(f.getFileName()), Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        }
    }
}
