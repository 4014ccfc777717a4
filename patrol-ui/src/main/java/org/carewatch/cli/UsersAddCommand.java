package org.carewatch.cli;

import java.io.Console;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.carewatch.core.bootstrap.OperatorBootstrap;
import org.carewatch.core.centres.CentreRepository;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.districts.DistrictRepository;
import org.carewatch.core.errors.ConflictException;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.users.PasswordHasher;
import org.carewatch.core.users.Role;
import org.carewatch.core.users.UserRepository;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code carewatch users add}: an account, with its password typed twice without echo when a terminal is
 * attached, or else generated and printed once (then handed to its owner, who signs in with it).
 */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Adds an account: admin, officer or auditor of a district (--district CODE), or facility staff of a centre (--centre CODE).",
                "The password is asked twice without echo at a terminal; without one it is generated and printed once."})
public final class UsersAddCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "USERNAME", description = "3-64 lower-case letters, digits, '.', '_' or '-'")
    String username;

    @Option(names = "--role", required = true, description = "admin, officer, auditor or facility")
    Role role;

    @Option(names = "--district", paramLabel = "CODE", description = "the district of an admin, officer or auditor")
    String district;

    @Option(names = "--centre", paramLabel = "CODE", description = "the centre of facility staff")
    String centre;

    @Option(names = "--display-name", description = "the name shown in the console (default: the username)")
    String displayName;

    @Option(names = "--locale", description = "zh-CN (default) or en")
    String locale;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    StoreSource source = new StoreSource();

    @Override
    public Integer call() {
        CareWatchConfig cfg = CommandStore.config(source.config, source.data);
        if (cfg == null) {
            return CommandConfig.INVALID;
        }
        Console console = terminal();
        String password;
        boolean generated = false;
        if (console != null) {
            password = prompt(console);
            if (password == null) {
                return 2;
            }
        } else {
            password = OperatorBootstrap.generatePassword();
            generated = true;
        }
        try (CommandStore cs = CommandStore.open(cfg)) {
            var ds = cs.store().dataSource();
            long id = new OperatorBootstrap(new DistrictRepository(ds), new CentreRepository(ds), new UserRepository(ds), new PasswordHasher())
                    .addUser(new OperatorBootstrap.NewUser(username, role, district, centre, displayName, locale, password));
            System.out.println("added " + role.code() + " " + username.strip().toLowerCase(java.util.Locale.ROOT) + ", id " + id);
            if (generated) {
                // Shown this once only: it is stored as an Argon2id hash.
                System.out.println("password: " + password);
            }
            return 0;
        } catch (InvalidInputException | ConflictException e) {
            System.err.println("carewatch users add: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("carewatch users add: " + e.getMessage());
            return 1;
        }
    }

    /** The terminal to prompt at, or null when input or output is redirected (JDK 22 may return a Console then). */
    private static Console terminal() {
        Console c = System.console();
        if (c == null) {
            return null;
        }
        try {
            Object terminal = Console.class.getMethod("isTerminal").invoke(c);
            return Boolean.TRUE.equals(terminal) ? c : null;
        } catch (ReflectiveOperationException olderJdk) {
            return c; // before JDK 22 a Console is only given for a terminal
        }
    }

    private static String prompt(Console console) {
        char[] first = console.readPassword("Password for the new account (at least %d characters): ", OperatorBootstrap.MIN_PASSWORD);
        char[] second = console.readPassword("The same password again: ");
        try {
            if (first == null || second == null || !Arrays.equals(first, second)) {
                System.err.println("carewatch users add: the two passwords differ; nothing was added");
                return null;
            }
            if (first.length < OperatorBootstrap.MIN_PASSWORD) {
                System.err.println("carewatch users add: the password must have at least " + OperatorBootstrap.MIN_PASSWORD + " characters");
                return null;
            }
            return new String(first);
        } finally {
            if (first != null) {
                Arrays.fill(first, ' ');
            }
            if (second != null) {
                Arrays.fill(second, ' ');
            }
        }
    }
}
