package org.carewatch.alerts.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.carewatch.alerts.engine.AlertEngine;
import org.carewatch.alerts.engine.RuleStateRepository;
import org.carewatch.alerts.history.AlertHistory;
import org.carewatch.alerts.lifecycle.AlertRepository;
import org.carewatch.alerts.lifecycle.AlertService;
import org.carewatch.alerts.lifecycle.Deadlines;
import org.carewatch.alerts.notify.AlertNotice;
import org.carewatch.alerts.notify.Notifier;
import org.carewatch.alerts.rules.CentreCalendar;
import org.carewatch.alerts.rules.RuleBook;
import org.carewatch.alerts.rules.RuleOverrideRepository;
import org.carewatch.core.centres.CentreChanges;
import org.carewatch.core.centres.CentreRepository;
import org.carewatch.core.centres.CentreService;
import org.carewatch.core.config.AlertsConfig;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.sensors.SensorRepository;
import org.carewatch.core.store.Store;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.profiles.catalog.ProfileCatalog;

/**
 * A migrated test database with two districts, centres with hours and a nap window, users of every role,
 * and the alerts module wired over it with a hand-moved clock.
 */
public final class AlertsFixture implements AutoCloseable {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Wednesday 2026-11-18 10:00 in Shanghai: within opening hours (07:30-17:30), before the nap (12:00-14:00). */
    public static final Instant WEDNESDAY_10 = LocalDateTime.of(2026, 11, 18, 10, 0).atZone(ZONE).toInstant();

    public final TestDatabase db;
    public final Store store;
    public final MutableClock clock = new MutableClock(WEDNESDAY_10);
    public final AlertsConfig cfg;
    /** The default outbound policy, but webhooks may reach loopback: the tests' receivers listen there. */
    public final org.carewatch.core.outbound.OutboundPolicy outbound;
    public final ProfileCatalog catalog = ProfileCatalog.builtIn();
    public final java.util.List<AlertNotice> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
    public final Notifier notifier;
    public final AlertRepository repo;
    public final AlertService service;
    public final AlertHistory history;
    /** Core's repositories, as the alerts module reaches core's tables. */
    public final CentreRepository centres;
    /** The scope rule over {@link #centres}, as the services use it. */
    public final CentreService centreService;
    public final SensorRepository sensors;
    public final long districtA;
    public final long districtB;
    public final long centreA1;
    public final long centreA2;
    public final long centreB1;
    public final Principal officer;
    public final Principal admin;
    public final Principal auditor;
    public final Principal facilityA1;
    public final Principal facilityA2;
    public final Principal officerB;
    public final Principal adminB;

    public AlertsFixture() throws SQLException {
        this(Map.of());
    }

    public AlertsFixture(Map<String, String> env) throws SQLException {
        db = TestDatabase.create();
        var all = ConfigLoader.load(null, env);
        cfg = all.alerts();
        outbound = new org.carewatch.core.outbound.OutboundPolicy(all.outbound().withWebhooks(all.outbound().webhooks().withAllowLoopback(true)));
        store = Store.open(all.store(), db.jdbcUrl(), db.user(), db.password(), null);
        try (Connection c = store.connection(); var st = c.createStatement()) {
            st.execute("INSERT INTO districts (code, name) VALUES ('A', 'District A'), ('B', 'District B')");
        }
        districtA = id("SELECT id FROM districts WHERE code = 'A'");
        districtB = id("SELECT id FROM districts WHERE code = 'B'");
        centreA1 = id("INSERT INTO centres (district_id, code, name, nap_starts_at, nap_ends_at) VALUES (" + districtA
                + ", 'A1', '小太阳托育', '12:00', '14:00') RETURNING id");
        centreA2 = id("INSERT INTO centres (district_id, code, name) VALUES (" + districtA + ", 'A2', 'Rainbow') RETURNING id");
        centreB1 = id("INSERT INTO centres (district_id, code, name) VALUES (" + districtB + ", 'B1', 'Other') RETURNING id");
        officer = user("officer1", Role.OFFICER, districtA, null);
        admin = user("admin1", Role.ADMIN, districtA, null);
        auditor = user("auditor1", Role.AUDITOR, districtA, null);
        facilityA1 = user("staff.a1", Role.FACILITY, null, centreA1);
        facilityA2 = user("staff.a2", Role.FACILITY, null, centreA2);
        officerB = user("officer.b", Role.OFFICER, districtB, null);
        adminB = user("admin.b", Role.ADMIN, districtB, null);
        centres = new CentreRepository(store.dataSource());
        centreService = new CentreService(centres, CentreChanges.NONE);
        sensors = new SensorRepository(store.dataSource(), catalog::sensor);
        notifier = new Notifier(cfg.groupWindow(), clock);
        notifier.add(notices::add);
        repo = new AlertRepository(store.dataSource(), new Deadlines(cfg.deadlines()));
        service = new AlertService(repo, centreService, notifier, clock);
        history = new AlertHistory(store.dataSource(), ZONE);
    }

    /** A new engine over the same store (as after a restart), started without its own ticker. */
    public AlertEngine engine() throws SQLException {
        return engine(catalog::sensor);
    }

    public AlertEngine engine(java.util.function.Function<String, java.util.Optional<org.carewatch.profiles.sensor.SensorProfile>> profiles)
            throws SQLException {
        var placements = new org.carewatch.alerts.rules.SensorPlacements(sensors);
        placements.reload();
        RuleBook rules = new RuleBook(profiles, new RuleOverrideRepository(store.dataSource()), placements);
        rules.reload();
        AlertEngine e = new AlertEngine(service, rules, new CentreCalendar(centres, ZONE, clock, Duration.ofMinutes(1)),
                new RuleStateRepository(store.dataSource()), cfg, clock);
        e.start(null);
        return e;
    }

    public Clock clock() {
        return clock;
    }

    public long id(String sql) throws SQLException {
        try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public long count(String sql, Object... args) throws SQLException {
        try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Principal user(String name, Role role, Long district, Long centre) throws SQLException {
        long id;
        try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO users (username, display_name, password_hash, role, district_id, centre_id) VALUES (?, ?, 'x', ?, ?, ?) RETURNING id")) {
            ps.setString(1, name);
            ps.setString(2, name);
            ps.setString(3, role.code());
            ps.setObject(4, district);
            ps.setObject(5, centre);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        return new Principal(id, name, name, role, district, centre, "en");
    }

    @Override
    public void close() {
        store.close();
        db.close();
    }
}
