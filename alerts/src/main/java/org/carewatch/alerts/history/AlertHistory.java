package org.carewatch.alerts.history;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.carewatch.alerts.lifecycle.FacilityView;
import org.carewatch.alerts.model.Alert;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;

/**
 * Alert history for consoles, auditors and the quarterly bulletin: filtered, paged lists within the
 * caller's scope, CSV export and counts per centre and week. Every role may ask; what it gets is limited
 * to its scope (facility staff: their centre; others: their district), so a filter on a centre outside
 * it matches nothing.
 */
public final class AlertHistory {
    /** Every role reads history (auditors above all); the scope limits the rows. */
    private static final Role[] READERS = Role.values();
    /** The same roles may export it, each within its scope. */
    private static final Role[] EXPORTERS = {Role.ADMIN, Role.OFFICER, Role.AUDITOR, Role.FACILITY};

    private final DataSource ds;
    private final ZoneId zone;

    public AlertHistory(DataSource ds, ZoneId zone) {
        this.ds = ds;
        this.zone = zone;
    }

    public record Page(List<Alert> items, long total) {
    }

    public Page list(Principal who, AlertQuery q) throws SQLException {
        who.requireRole(READERS);
        Where w = where(who, q);
        try (Connection c = ds.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM alerts WHERE " + w.sql)) {
                w.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT " + AlertRows.COLUMNS + " FROM alerts WHERE " + w.sql
                    + " ORDER BY first_seen DESC, id DESC LIMIT ? OFFSET ?")) {
                int i = w.bind(ps, 1);
                ps.setInt(i++, q.limit());
                ps.setInt(i, q.offset());
                try (ResultSet rs = ps.executeQuery()) {
                    List<Alert> out = new ArrayList<>();
                    while (rs.next()) {
                        Alert a = AlertRows.map(rs);
                        // Facility staff do not learn who in the district follows them up.
                        out.add(who.role() == Role.FACILITY ? FacilityView.of(a) : a);
                    }
                    return new Page(out, total);
                }
            }
        }
    }

    /** Writes every matching alert (the query's page is ignored) as CSV, streaming from the database. */
    public long exportCsv(Principal who, AlertQuery q, Writer out) throws SQLException, IOException {
        who.requireRole(EXPORTERS);
        Where w = where(who, q);
        out.write(AlertCsv.HEADER);
        long n = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false); // lets the driver stream with a fetch size
            try (PreparedStatement ps = c.prepareStatement("SELECT " + AlertRows.COLUMNS + " FROM alerts WHERE " + w.sql
                    + " ORDER BY first_seen, id")) {
                ps.setFetchSize(500);
                w.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Alert a = AlertRows.map(rs);
                        out.write(AlertCsv.row(who.role() == Role.FACILITY ? FacilityView.of(a) : a));
                        n++;
                    }
                }
            } finally {
                c.commit();
            }
        }
        out.flush();
        return n;
    }

    /** Alerts per centre and ISO week (weeks start on Monday in the configured zone), for the bulletin. */
    public record WeekCount(long centreId, String week, long total, long critical, long major, long minor, long warning) {
    }

    public List<WeekCount> weeklyCounts(Principal who, AlertQuery q) throws SQLException {
        who.requireRole(READERS);
        Where w = where(who, q);
        String sql = "SELECT centre_id, to_char(date_trunc('week', first_seen AT TIME ZONE ?), 'IYYY-\"W\"IW') AS week, count(*), "
                + "count(*) FILTER (WHERE severity = 'critical'), count(*) FILTER (WHERE severity = 'major'), "
                + "count(*) FILTER (WHERE severity = 'minor'), count(*) FILTER (WHERE severity = 'warning') "
                + "FROM alerts WHERE " + w.sql + " GROUP BY 1, 2 ORDER BY 2, 1";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, zone.getId());
            w.bind(ps, 2);
            try (ResultSet rs = ps.executeQuery()) {
                List<WeekCount> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new WeekCount(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                            rs.getLong(7)));
                }
                return out;
            }
        }
    }

    private record Where(String sql, List<Object> args) {
        int bind(PreparedStatement ps, int start) throws SQLException {
            int i = start;
            for (Object a : args) {
                if (a instanceof Instant t) {
                    ps.setTimestamp(i++, Timestamp.from(t));
                } else {
                    ps.setObject(i++, a);
                }
            }
            return i;
        }
    }

    private static Where where(Principal who, AlertQuery q) {
        StringBuilder sql = new StringBuilder();
        List<Object> args = new ArrayList<>();
        // Scope first: facility staff see their centre, everyone else their district.
        if (who.role() == Role.FACILITY) {
            sql.append("centre_id = ?");
            args.add(who.centreId() == null ? -1L : who.centreId());
            // Alerts addressed to the district only (e.g. a patrol visit not reviewed in time) are not the centre's.
            for (String kind : org.carewatch.alerts.model.AlertKinds.DISTRICT_ONLY) {
                sql.append(" AND kind <> ?");
                args.add(kind);
            }
        } else {
            sql.append("district_id = ?");
            args.add(who.districtId() == null ? -1L : who.districtId());
        }
        if (q.centreId() != null) {
            sql.append(" AND centre_id = ?");
            args.add(q.centreId());
        }
        if (q.from() != null) {
            sql.append(" AND first_seen >= ?");
            args.add(q.from());
        }
        if (q.to() != null) {
            sql.append(" AND first_seen < ?");
            args.add(q.to());
        }
        if (q.kind() != null) {
            sql.append(" AND kind = ?");
            args.add(q.kind());
        }
        if (q.severity() != null) {
            sql.append(" AND severity = ?");
            args.add(q.severity().id());
        }
        if (q.state() != null) {
            sql.append(" AND state = ?");
            args.add(q.state().id());
        }
        if (q.source() != null) {
            sql.append(" AND source = ?");
            args.add(q.source().id());
        }
        return new Where(sql.toString(), args);
    }
}
