package org.carewatch.core.bootstrap;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Locale;
import org.carewatch.core.centres.Centre;
import org.carewatch.core.centres.CentreRepository;
import org.carewatch.core.districts.District;
import org.carewatch.core.districts.DistrictRepository;
import org.carewatch.core.errors.ConflictException;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.users.PasswordHasher;
import org.carewatch.core.users.Role;
import org.carewatch.core.users.UserRepository;

/**
 * What an operator does to a new installation from the shell ({@code carewatch districts add},
 * {@code carewatch users add}) before anyone can sign in. There is no caller to check: whoever runs these
 * holds the configuration with the database's credentials, so already holds every row. The rules of the
 * data still apply here (codes, usernames, a role's scope, password length).
 */
public final class OperatorBootstrap {
    public static final int MIN_PASSWORD = 12;
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DistrictRepository districts;
    private final CentreRepository centres;
    private final UserRepository users;
    private final PasswordHasher hasher;

    public OperatorBootstrap(DistrictRepository districts, CentreRepository centres, UserRepository users, PasswordHasher hasher) {
        this.districts = districts;
        this.centres = centres;
        this.users = users;
        this.hasher = hasher;
    }

    public District addDistrict(String code, String name) throws SQLException {
        return districts.create(code, name);
    }

    /**
     * A new account. District users (admin, officer, auditor) name their district's code, facility staff
     * their centre's code, never both.
     */
    public record NewUser(String username, Role role, String districtCode, String centreCode, String displayName, String locale,
                          String password) {
    }

    /** Creates the account; returns its id. {@link InvalidInputException} naming the field, {@link ConflictException} for a taken username. */
    public long addUser(NewUser u) throws SQLException {
        String username = u.username() == null ? "" : u.username().strip().toLowerCase(Locale.ROOT);
        if (!username.matches("[a-z0-9_.-]{3,64}")) {
            throw new InvalidInputException("username", "must be 3-64 lower-case letters, digits, '.', '_' or '-'");
        }
        if (u.role() == null) {
            throw new InvalidInputException("role", "is required: admin, officer, auditor or facility");
        }
        if (u.districtCode() != null && u.centreCode() != null) {
            throw new InvalidInputException("district", "give either --district or --centre, not both");
        }
        Long districtId = null;
        Long centreId = null;
        if (u.role() == Role.FACILITY) {
            if (u.centreCode() == null) {
                throw new InvalidInputException("centre", "facility staff belong to a centre: give --centre CODE");
            }
            Centre c = centres.findByCode(u.centreCode())
                    .orElseThrow(() -> new InvalidInputException("centre", "no centre with code '" + u.centreCode() + "'"));
            centreId = c.id();
        } else {
            if (u.districtCode() == null) {
                throw new InvalidInputException("district", u.role().code() + " accounts belong to a district: give --district CODE");
            }
            District d = districts.findByCode(u.districtCode())
                    .orElseThrow(() -> new InvalidInputException("district", "no district with code '" + u.districtCode() + "'"));
            districtId = d.id();
        }
        String display = u.displayName() == null || u.displayName().isBlank() ? username : u.displayName().strip();
        if (display.length() > 200) {
            throw new InvalidInputException("display-name", "must be at most 200 characters");
        }
        String locale = u.locale() == null ? "zh-CN" : u.locale();
        if (!locale.equals("zh-CN") && !locale.equals("en")) {
            throw new InvalidInputException("locale", "must be zh-CN or en");
        }
        if (u.password() == null || u.password().length() < MIN_PASSWORD || u.password().length() > 1024) {
            throw new InvalidInputException("password", "must be " + MIN_PASSWORD + " to 1024 characters");
        }
        try {
            return users.create(username, display, hasher.hash(u.password()), u.role(), districtId, centreId, locale);
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new ConflictException("a user named '" + username + "' already exists");
            }
            throw e;
        }
    }

    /** A random password of 20 characters (about 116 bits), for accounts created without a console to type one. */
    public static String generatePassword() {
        StringBuilder b = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
