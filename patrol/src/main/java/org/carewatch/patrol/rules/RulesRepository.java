package org.carewatch.patrol.rules;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.carewatch.core.errors.ConflictException;
import org.carewatch.core.store.Transactions;
import org.carewatch.patrol.plan.Coverage;
import org.carewatch.patrol.plan.RoundRule;

/** Each district's rotation rules; a district that never set them gets the defaults (version 0). */
public final class RulesRepository {
    /** Arrival, nap and pick-up, as district policies usually name them. */
    public static final List<RoundRule> DEFAULT_ROUNDS = List.of(
            new RoundRule("arrival", LocalTime.of(8, 0), LocalTime.of(9, 30), Coverage.ALL_OPEN),
            new RoundRule("nap", LocalTime.of(12, 30), LocalTime.of(14, 0), Coverage.NAPPING),
            new RoundRule("pick-up", LocalTime.of(16, 0), LocalTime.of(17, 30), Coverage.ALL_OPEN));

    private final DataSource ds;
    private final String defaultZone;

    /** @param defaultZone the zone of districts without rules of their own (config {@code alerts.timeZone}) */
    public RulesRepository(DataSource ds, String defaultZone) {
        this.ds = ds;
        this.defaultZone = defaultZone;
    }

    public RotationRules get(long districtId) throws SQLException {
        try (var c = ds.getConnection()) {
            RotationRules base = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT time_zone, max_frame_age_minutes, sample_lead_minutes, "
                    + "inspectors_per_check, version FROM rotation_rules WHERE district_id = ?")) {
                ps.setLong(1, districtId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return new RotationRules(districtId, defaultZone, DEFAULT_ROUNDS, 30, 20, 2, 0);
                    }
                    base = new RotationRules(districtId, rs.getString(1), List.of(), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5));
                }
            }
            List<RoundRule> rounds = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name, starts_at, ends_at, coverage FROM rotation_rounds "
                    + "WHERE district_id = ? ORDER BY position")) {
                ps.setLong(1, districtId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rounds.add(new RoundRule(rs.getString(1), rs.getTime(2).toLocalTime(), rs.getTime(3).toLocalTime(),
                                Coverage.fromCode(rs.getString(4))));
                    }
                }
            }
            return new RotationRules(districtId, base.timeZone(), rounds, base.maxFrameAgeMinutes(), base.sampleLeadMinutes(),
                    base.inspectorsPerCheck(), base.version());
        }
    }

    /** Replaces the rules when {@code in.version()} is the current one (0 for districts still on the defaults). */
    public RotationRules put(long districtId, RotationRules.Input in) throws SQLException {
        RotationRules cur = get(districtId);
        if (cur.version() != in.version()) {
            throw new ConflictException("the rotation rules were changed by someone else (version " + in.version()
                    + " is no longer current); reload them and apply your change again");
        }
        Transactions.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rotation_rules (district_id, time_zone, max_frame_age_minutes, "
                    + "sample_lead_minutes, inspectors_per_check, version) VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (district_id) DO UPDATE SET "
                    + "time_zone = EXCLUDED.time_zone, max_frame_age_minutes = EXCLUDED.max_frame_age_minutes, "
                    + "sample_lead_minutes = EXCLUDED.sample_lead_minutes, inspectors_per_check = EXCLUDED.inspectors_per_check, "
                    + "version = rotation_rules.version + 1, updated_at = now() WHERE rotation_rules.version = ?")) {
                ps.setLong(1, districtId);
                ps.setString(2, in.timeZone() == null ? cur.timeZone() : in.timeZone());
                ps.setInt(3, in.maxFrameAgeMinutes() == null ? cur.maxFrameAgeMinutes() : in.maxFrameAgeMinutes());
                ps.setInt(4, in.sampleLeadMinutes() == null ? cur.sampleLeadMinutes() : in.sampleLeadMinutes());
                ps.setInt(5, in.inspectorsPerCheck() == null ? cur.inspectorsPerCheck() : in.inspectorsPerCheck());
                ps.setInt(6, in.version());
                if (ps.executeUpdate() == 0) {
                    throw new ConflictException("the rotation rules were changed by someone else; reload them and apply your change again");
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM rotation_rounds WHERE district_id = ?")) {
                ps.setLong(1, districtId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rotation_rounds (district_id, position, name, starts_at, ends_at, coverage) "
                    + "VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < in.rounds().size(); i++) {
                    RoundRule r = in.rounds().get(i);
                    ps.setLong(1, districtId);
                    ps.setInt(2, i);
                    ps.setString(3, r.name().strip());
                    ps.setTime(4, Time.valueOf(r.startsAt()));
                    ps.setTime(5, Time.valueOf(r.endsAt()));
                    ps.setString(6, r.coverage().code());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        return get(districtId);
    }
}
