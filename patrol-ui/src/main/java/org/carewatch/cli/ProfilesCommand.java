package org.carewatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.carewatch.profiles.camera.CameraProfile;
import org.carewatch.profiles.catalog.CatalogCheck;
import org.carewatch.profiles.catalog.CheckError;
import org.carewatch.profiles.catalog.CheckReport;
import org.carewatch.profiles.catalog.ProfileCatalog;
import org.carewatch.profiles.catalog.ProfileCatalogException;
import org.carewatch.profiles.sensor.MetricMapping;
import org.carewatch.profiles.sensor.SensorProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code carewatch profiles list|check}: the hardware-profile catalogue (see hardware-profiles/README.md). */
@Command(name = "profiles",
        description = "The hardware-profile catalogue of cameras and sensors.",
        mixinStandardHelpOptions = true,
        subcommands = {ProfilesCommand.ListProfiles.class, ProfilesCommand.CheckProfiles.class})
public final class ProfilesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the camera and sensor profiles (built-in, plus an external folder if given).")
    static final class ListProfiles implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--dir", paramLabel = "DIR",
                description = "External profile folder (cameras/, sensors/) whose profiles override built-in ones by id.")
        Path dir;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ProfileCatalog catalog;
            try {
                catalog = ProfileCatalog.load(dir);
            } catch (ProfileCatalogException e) {
                PrintWriter err = spec.commandLine().getErr();
                e.errors().forEach(x -> err.println(x.line()));
                err.println(e.errors().size() + " error(s) in " + dir);
                err.flush();
                return 1;
            }
            out.println("Cameras (" + catalog.cameras().size() + "):");
            for (CameraProfile c : catalog.cameras()) {
                out.printf("  %-22s %s / %s  [port %d, %s, %s%s%s%s]%n", c.id(), c.name(), c.nameZh(), c.defaultPort(),
                        c.transport().id(), "auth " + c.auth().id(),
                        c.maxChannels() > 1 ? ", channels 1-" + c.maxChannels() : "",
                        c.snapshot() != null ? ", snapshot" : "",
                        c.onvif() ? ", onvif" : "");
            }
            out.println("Sensors (" + catalog.sensors().size() + "):");
            for (SensorProfile s : catalog.sensors()) {
                out.printf("  %-26s %s / %s  [%s; %d rule(s); offline after %s]%n", s.id(), s.name(), s.nameZh(),
                        s.metrics().stream().map(MetricMapping::name).collect(Collectors.joining(", ")),
                        s.alertRules().size(), org.carewatch.profiles.parse.Durations.format(s.offlineAfter()));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate a catalogue folder (cameras/*.yaml, sensors/*.yaml, index.txt). "
                    + "Prints every error as FILE: field 'X': message and exits 1, or a summary and exits 0.")
    static final class CheckProfiles implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "The catalogue folder, e.g. hardware-profiles/")
        Path dir;

        @Override
        public Integer call() {
            CheckReport report = CatalogCheck.check(dir);
            if (!report.ok()) {
                PrintWriter err = spec.commandLine().getErr();
                for (CheckError e : report.errors()) {
                    err.println(e.line());
                }
                err.println(report.errors().size() + " error(s) in " + dir);
                err.flush();
                return 1;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(report.summary());
            out.flush();
            return 0;
        }
    }
}
