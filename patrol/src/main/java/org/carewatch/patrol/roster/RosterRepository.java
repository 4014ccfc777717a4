package org.carewatch.patrol.roster;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.carewatch.core.errors.ConflictException;
import org.carewatch.core.store.Transactions;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.core.users.UserRepository;
import org.carewatch.patrol.plan.DateRange;

/** Officers' rosters: working days, absences and conflicts of interest (the users themselves are core's). */
public final class RosterRepository {
    private static final List<Integer> DEFAULT_DAYS = List.of(1, 2, 3, 4, 5);

    private final DataSource ds;
    private final UserRepository users;

    public RosterRepository(DataSource ds, UserRepository users) {
        this.ds = ds;
        this.users = users;
    }

    /** Every active officer of the district with their roster, by id (three queries however many officers). */
    public List<OfficerRoster> list(long districtId) throws SQLException {
        return rosters(users.listInDistrict(districtId, Role.OFFICER));
    }

    /** An active officer (any district); empty for other users. */
    public Optional<OfficerRoster> find(long officerId) throws SQLException {
        Optional<Principal> p = users.find(officerId).filter(u -> u.role() == Role.OFFICER && u.districtId() != null);
        return p.isEmpty() ? Optional.empty() : Optional.of(rosters(List.of(p.get())).get(0));
    }

    private List<OfficerRoster> rosters(List<Principal> officers) throws SQLException {
        Map<Long, List<Integer>> days = new HashMap<>();
        Map<Long, Integer> versions = new HashMap<>();
        Map<Long, List<DateRange>> absences = new HashMap<>();
        Map<Long, List<Long>> conflicts = new HashMap<>();
        try (Connection c = ds.getConnection()) {
            java.sql.Array ids = c.createArrayOf("int8", officers.stream().map(Principal::userId).toArray());
            try (PreparedStatement ps = c.prepareStatement("SELECT user_id, working_days, version FROM officer_rosters WHERE user_id = ANY(?)")) {
                ps.setArray(1, ids);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        days.put(rs.getLong(1), Arrays.stream((Short[]) rs.getArray(2).getArray()).map(Short::intValue).toList());
                        versions.put(rs.getLong(1), rs.getInt(3));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT user_id, from_date, to_date FROM officer_absences WHERE user_id = ANY(?) "
                    + "ORDER BY from_date, to_date")) {
                ps.setArray(1, ids);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        absences.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                                .add(new DateRange(rs.getDate(2).toLocalDate(), rs.getDate(3).toLocalDate()));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT user_id, centre_id FROM officer_conflicts WHERE user_id = ANY(?) ORDER BY centre_id")) {
                ps.setArray(1, ids);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        conflicts.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
                    }
                }
            }
        }
        List<OfficerRoster> out = new ArrayList<>();
        for (Principal p : officers) {
            long id = p.userId();
            out.add(new OfficerRoster(id, p.username(), p.displayName(), p.districtId(), days.getOrDefault(id, DEFAULT_DAYS),
                    absences.getOrDefault(id, List.of()), conflicts.getOrDefault(id, List.of()), versions.getOrDefault(id, 0)));
        }
        return out;
    }

    /** Applies a validated patch when its version is current; absences and conflicts given replace the stored ones. */
    public void update(long officerId, RosterPatch patch) throws SQLException {
        Transactions.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO officer_rosters (user_id) VALUES (?) ON CONFLICT DO NOTHING")) {
                ps.setLong(1, officerId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE officer_rosters SET working_days = COALESCE(?, working_days), "
                    + "version = version + 1, updated_at = now() WHERE user_id = ? AND version = ?")) {
                if (patch.workingDays() == null) {
                    ps.setNull(1, java.sql.Types.ARRAY);
                } else {
                    ps.setArray(1, c.createArrayOf("int2", patch.workingDays().stream().sorted().map(Integer::shortValue).toArray()));
                }
                ps.setLong(2, officerId);
                ps.setInt(3, patch.version());
                if (ps.executeUpdate() == 0) {
                    throw new ConflictException("the roster of officer " + officerId + " was changed by someone else (version "
                            + patch.version() + " is no longer current); reload it and apply your change again");
                }
            }
            if (patch.absences() != null) {
                exec(c, "DELETE FROM officer_absences WHERE user_id = ?", officerId);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO officer_absences (user_id, from_date, to_date) VALUES (?, ?, ?)")) {
                    for (DateRange a : patch.absences()) {
                        ps.setLong(1, officerId);
                        ps.setDate(2, Date.valueOf(a.from()));
                        ps.setDate(3, Date.valueOf(a.to()));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            if (patch.conflictCentreIds() != null) {
                exec(c, "DELETE FROM officer_conflicts WHERE user_id = ?", officerId);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO officer_conflicts (user_id, centre_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                    for (long centre : patch.conflictCentreIds()) {
                        ps.setLong(1, officerId);
                        ps.setLong(2, centre);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            return null;
        });
    }

    /** Records an absence on one day (unless one already covers it); returns whether a row was added. */
    public boolean addAbsence(long officerId, LocalDate day) throws SQLException {
        return Transactions.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM officer_absences WHERE user_id = ? AND from_date <= ? AND to_date >= ?")) {
                ps.setLong(1, officerId);
                ps.setDate(2, Date.valueOf(day));
                ps.setDate(3, Date.valueOf(day));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO officer_absences (user_id, from_date, to_date) VALUES (?, ?, ?)")) {
                ps.setLong(1, officerId);
                ps.setDate(2, Date.valueOf(day));
                ps.setDate(3, Date.valueOf(day));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO officer_rosters (user_id) VALUES (?) ON CONFLICT DO NOTHING")) {
                ps.setLong(1, officerId);
                ps.executeUpdate();
            }
            exec(c, "UPDATE officer_rosters SET version = version + 1, updated_at = now() WHERE user_id = ?", officerId);
            return true;
        });
    }

    private static void exec(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }
}
