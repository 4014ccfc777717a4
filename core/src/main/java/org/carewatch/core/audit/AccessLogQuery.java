package org.carewatch.core.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads the access log for auditors, newest first, limited to centres of a district. */
public final class AccessLogQuery {
    private final DataSource ds;

    public AccessLogQuery(DataSource ds) {
        this.ds = ds;
    }

    public record Entry(long id, Instant time, String username, String role, String action, String objectType, long objectId,
                        long centreId, String purpose, String client) {
    }

    /** Rows matching the filter (its limit is the caller's {@code limit}), newest first. */
    public List<Entry> list(Long districtId, AccessLogFilter f, int limit) throws SQLException {
        Long centreId = f.centreId();
        String username = f.username();
        Instant from = f.from();
        Instant to = f.to();
        Long before = f.before();
        StringBuilder sql = new StringBuilder("SELECT id, time, username, role, action, object_type, object_id, centre_id, purpose, client "
                + "FROM access_log WHERE centre_id IN (SELECT id FROM centres WHERE district_id = ?)");
        List<Object> args = new ArrayList<>();
        args.add(districtId);
        if (centreId != null) {
            sql.append(" AND centre_id = ?");
            args.add(centreId);
        }
        if (f.cameraId() != null) {
            sql.append(" AND object_type = 'camera' AND object_id = ?");
            args.add(f.cameraId());
        }
        if (f.action() != null) {
            sql.append(" AND action = ?");
            args.add(f.action());
        }
        if (username != null) {
            sql.append(" AND username = ?");
            args.add(username);
        }
        if (from != null) {
            sql.append(" AND time >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND time < ?");
            args.add(Timestamp.from(to));
        }
        if (before != null) {
            sql.append(" AND id < ?");
            args.add(before);
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(limit);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Entry> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getString(9), rs.getString(10)));
                }
                return out;
            }
        }
    }
}
