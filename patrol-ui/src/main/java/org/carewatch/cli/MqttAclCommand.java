package org.carewatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.mqtt.MosquittoFiles;
import org.carewatch.core.mqtt.MqttLogin;
import org.carewatch.core.sensors.DeviceCredentialRepository;
import org.carewatch.core.sensors.MqttAccounts;
import org.carewatch.core.sensors.SensorRepository;
import org.carewatch.profiles.catalog.ProfileCatalog;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code carewatch mqtt acl}: Mosquitto's password file and ACL file from the sensor registry, so an external
 * broker applies the embedded broker's rule (CareWatch's own login reads everything; each device publishes
 * only to its own topics; nobody else gets in). Run it again after sensors are registered or given new
 * passwords, then make Mosquitto re-read the files (SIGHUP).
 */
@Command(name = "acl", mixinStandardHelpOptions = true,
        description = {"Writes Mosquitto's password file (carewatch.passwd) and ACL file (carewatch.acl) from the sensor registry:",
                "CareWatch's own login (mqtt.username / mqtt.password) may read and write everything, each active sensor's",
                "device may publish to its own topics only. Point password_file and acl_file at them, set allow_anonymous false,",
                "and send Mosquitto SIGHUP after each run (see the README, 'MQTT security')."})
public final class MqttAclCommand implements Callable<Integer> {
    static final String PASSWORD_FILE = "carewatch.passwd";
    static final String ACL_FILE = "carewatch.acl";

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    StoreSource source = new StoreSource();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder the two files are written to (created if missing)")
    Path out;

    @Override
    public Integer call() {
        CareWatchConfig cfg = CommandStore.config(source.config, source.data);
        if (cfg == null) {
            return CommandConfig.INVALID;
        }
        var m = cfg.mqtt();
        if (m.username().isEmpty() || m.password().isEmpty()) {
            System.err.println("carewatch mqtt acl: set mqtt.username and mqtt.password (CareWatch's own login at the broker) in the"
                    + " configuration: the files must let CareWatch in");
            return CommandConfig.INVALID;
        }
        ProfileCatalog profiles;
        try {
            profiles = ProfileCatalog.load(cfg.profiles().externalPath().orElse(null));
        } catch (RuntimeException e) {
            System.err.println("carewatch mqtt acl: " + e.getMessage());
            return CommandConfig.INVALID;
        }
        try (CommandStore cs = CommandStore.open(cfg)) {
            var ds = cs.store().dataSource();
            List<MosquittoFiles.Account> accounts = MqttAccounts.fromRegistry(new MqttLogin(m.username(), m.password()),
                    new DeviceCredentialRepository(ds), new SensorRepository(ds, profiles::sensor), profiles::sensor);
            Files.createDirectories(out);
            // The hashes are not passwords, but only Mosquitto (and the operator) need to read them.
            write(out.resolve(PASSWORD_FILE), MosquittoFiles.passwordFile(accounts), "rw-------");
            write(out.resolve(ACL_FILE), MosquittoFiles.aclFile(accounts), "rw-r-----");
            System.out.println("wrote " + accounts.size() + " logins (CareWatch and " + (accounts.size() - 1) + " devices) to "
                    + out.resolve(PASSWORD_FILE) + " and " + out.resolve(ACL_FILE) + "; send Mosquitto SIGHUP to apply them");
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("carewatch mqtt acl: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("carewatch mqtt acl: " + e.getMessage());
            return 1;
        }
    }

    /** Written beside the target and moved over it, so Mosquitto never reads half a file. */
    private static void write(Path target, String text, String permissions) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(permissions));
            } catch (UnsupportedOperationException notPosix) {
                // e.g. Windows: the folder's permissions apply
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
