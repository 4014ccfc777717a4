package org.carewatch.core.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.carewatch.core.centres.Centre;
import org.carewatch.core.centres.CentreInput;
import org.carewatch.core.centres.CentreRepository;
import org.carewatch.core.security.CredentialCipher;
import org.carewatch.core.users.PasswordHasher;
import org.carewatch.core.users.Role;
import org.carewatch.core.users.UserRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds the demo district once (centres, cameras, sensors and accounts) and keeps the generated
 * passwords in {@code demo-accounts.txt}, so a restart shows the same accounts and keeps all data.
 */
public final class DemoDistrict {
    private static final Logger log = LoggerFactory.getLogger(DemoDistrict.class);
    public static final String DISTRICT_CODE = "DEMO";
    /** Where the demo's camera simulator listens; cameras are registered against it. */
    public static final int SIMULATOR_PORT = 8554;
    public static final String CAMERA_USER = "viewer";

    /** Profiles the demo registers its devices against. */
    static final java.util.Set<String> CAMERA_PROFILES = java.util.Set.of("generic-rtsp");
    static final java.util.Set<String> SENSOR_PROFILES = java.util.Set.of(
            "z2m-temperature-humidity", "z2m-air-quality", "z2m-smoke", "z2m-door-contact");

    private final DataSource ds;
    private final PasswordHasher hasher;
    private final CredentialCipher cipher;
    private final SecureRandom random = new SecureRandom();

    public DemoDistrict(DataSource ds, PasswordHasher hasher, CredentialCipher cipher) {
        this.ds = ds;
        this.hasher = hasher;
        this.cipher = cipher;
    }

    /** Fails when the catalogue lacks a profile the demo's devices use (e.g. an override removed it). */
    public static void requireProfiles(org.carewatch.profiles.catalog.ProfileCatalog catalog) {
        for (String id : CAMERA_PROFILES) {
            if (catalog.camera(id).isEmpty()) {
                throw new IllegalStateException("the demo needs camera profile '" + id + "', which the catalogue lacks");
            }
        }
        for (String id : SENSOR_PROFILES) {
            if (catalog.sensor(id).isEmpty()) {
                throw new IllegalStateException("the demo needs sensor profile '" + id + "', which the catalogue lacks");
            }
        }
    }

    /** Seeds when the district is absent; returns the accounts (read back from the file on later starts). */
    public List<DemoAccount> ensureSeeded(Path accountsFile) throws SQLException, IOException {
        if (districtId().isPresent()) {
            return Files.exists(accountsFile) ? readAccounts(accountsFile) : List.of();
        }
        List<DemoAccount> accounts = seed();
        writeAccounts(accountsFile, accounts);
        log.info("seeded demo district: {} centres, {} accounts", DemoCentres.ALL.size(), accounts.size());
        return accounts;
    }

    private java.util.Optional<Long> districtId() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id FROM districts WHERE code = ?")) {
            ps.setString(1, DISTRICT_CODE);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(rs.getLong(1)) : java.util.Optional.empty();
            }
        }
    }

    private List<DemoAccount> seed() throws SQLException {
        long district;
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO districts (code, name, live_view_policy) VALUES (?, ?, 'purpose') RETURNING id")) {
            ps.setString(1, DISTRICT_CODE);
            ps.setString(2, "示范区 (Demo district)");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                district = rs.getLong(1);
            }
        }
        CentreRepository centres = new CentreRepository(ds);
        UserRepository users = new UserRepository(ds);
        List<DemoAccount> accounts = new ArrayList<>();
        accounts.add(user(users, Role.ADMIN, "admin", "区管理员 Admin", district, null));
        for (int i = 1; i <= 3; i++) {
            accounts.add(user(users, Role.OFFICER, "officer" + i, "巡查员 Officer " + i, district, null));
        }
        accounts.add(user(users, Role.AUDITOR, "auditor", "督导 Auditor", district, null));
        int cam = 0;
        for (DemoCentres.Spec s : DemoCentres.ALL) {
            Centre centre = centres.create(new CentreInput(district, s.code(), s.name(), s.kind(), s.address(), s.capacity(),
                    "园长", "021-6000" + s.code().substring(1), s.days(), s.opens(), s.closes(), s.napStart(), s.napEnd(), true, true, null));
            accounts.add(user(users, Role.FACILITY, "facility-" + s.code().toLowerCase(java.util.Locale.ROOT),
                    s.name() + " 工作人员", null, centre.id()));
            cam = addCameras(centre, cam);
            addSensors(centre);
        }
        return accounts;
    }

    private int addCameras(Centre centre, int cam) throws SQLException {
        String[][] rooms = {{"活动室 Activity room", "activity"}, {"午睡室 Nap room", "sleeping"}, {"入口 Entrance", "entrance"}};
        String sql = "INSERT INTO cameras (centre_id, name, profile_id, host, port, channel, stream, rtsp_path, username, password_enc, area, held) "
                + "VALUES (?, ?, 'generic-rtsp', '127.0.0.1', ?, 1, 'main', ?, ?, ?, ?, true)";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (String[] room : rooms) {
                cam++;
                ps.setLong(1, centre.id());
                ps.setString(2, room[0]);
                ps.setInt(3, SIMULATOR_PORT);
                ps.setString(4, "/cam/" + cam);
                ps.setString(5, CAMERA_USER);
                ps.setBytes(6, cipher.seal(cameraPassword()));
                ps.setString(7, room[1]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return cam;
    }

    /** The demo simulator's cameras all accept this password (it is not a secret of any real camera). */
    public static String cameraPassword() {
        return "demo-camera";
    }

    private void addSensors(Centre centre) throws SQLException {
        // Device names follow the rule for every centre: the centre's code and a dot (SensorRepository#create).
        String code = centre.code() + ".";
        String[][] sensors = {
                {"活动室温湿度 Activity room climate", "z2m-temperature-humidity", code + "activity-climate", "活动室"},
                {"活动室二氧化碳 Activity room CO2", "z2m-air-quality", code + "activity-co2", "活动室"},
                {"厨房烟感 Kitchen smoke", "z2m-smoke", code + "kitchen-smoke", "厨房"},
                {"午睡室门磁 Nap room door", "z2m-door-contact", code + "nap-door", "午睡室"},
                {"配奶冰箱温度 Milk fridge", "z2m-temperature-humidity", code + "fridge", "配奶区"}};
        String sql = "INSERT INTO sensors (centre_id, name, profile_id, device_key, location) VALUES (?, ?, ?, ?, ?)";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (String[] s : sensors) {
                ps.setLong(1, centre.id());
                ps.setString(2, s[0]);
                ps.setString(3, s[1]);
                ps.setString(4, s[2]);
                ps.setString(5, s[3]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private DemoAccount user(UserRepository users, Role role, String username, String display, Long district, Long centre)
            throws SQLException {
        String password = newPassword();
        users.create(username, display, hasher.hash(password), role, district, centre, "zh-CN");
        return new DemoAccount(role.code(), username, password);
    }

    private String newPassword() {
        // No look-alike characters: these are read off a screen and typed.
        String alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static void writeAccounts(Path file, List<DemoAccount> accounts) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, accounts.stream().map(DemoAccount::line).toList());
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<DemoAccount> readAccounts(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(DemoAccount::parse).toList();
    }
}
