package org.carewatch.cli;

import java.util.concurrent.Callable;
import org.carewatch.core.bootstrap.OperatorBootstrap;
import org.carewatch.core.centres.CentreRepository;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.districts.District;
import org.carewatch.core.districts.DistrictRepository;
import org.carewatch.core.errors.ConflictException;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.users.PasswordHasher;
import org.carewatch.core.users.UserRepository;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Adds a district (the scope of its officers, auditors and administrators).",
                "Works on the database of --config FILE (the schema is created when the database is empty) or a stopped demo's --data DIR."})
public final class DistrictsAddCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CODE", description = "short code: letters, digits, '_' or '-' (e.g. XH)")
    String code;

    @Parameters(index = "1", paramLabel = "NAME", description = "the district's name (e.g. 徐汇区)")
    String name;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    StoreSource source = new StoreSource();

    @Override
    public Integer call() {
        CareWatchConfig cfg = CommandStore.config(source.config, source.data);
        if (cfg == null) {
            return CommandConfig.INVALID;
        }
        try (CommandStore cs = CommandStore.open(cfg)) {
            var ds = cs.store().dataSource();
            District d = new OperatorBootstrap(new DistrictRepository(ds), new CentreRepository(ds), new UserRepository(ds), new PasswordHasher())
                    .addDistrict(code, name);
            System.out.println("added district " + d.code() + " (" + d.name() + "), id " + d.id());
            return 0;
        } catch (InvalidInputException | ConflictException e) {
            System.err.println("carewatch districts add: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("carewatch districts add: " + e.getMessage());
            return 1;
        }
    }
}
