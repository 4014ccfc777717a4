package org.carewatch.core.cameras;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.carewatch.core.users.Principal;

/**
 * The append-only {@code camera_changes} record and the {@code camera_mask_requests} waiting for a district
 * administrator. Writes take the connection of the change itself, so a change is never committed without
 * its record.
 */
public final class CameraHistory {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANGE_COLUMNS = "id, time, camera_id, centre_id, user_id, username, role, action, fields, before::text, "
            + "after::text, opening_hours, mask_request_id";
    private static final String REQUEST_COLUMNS = "id, camera_id, centre_id, requested_at, requested_by, requested_by_name, "
            + "masks_before::text, masks::text, adds_coverage, removes_coverage, state, decided_at, decided_by, decided_by_name, note";

    private final DataSource ds;

    public CameraHistory(DataSource ds) {
        this.ds = ds;
    }

    DataSource dataSource() {
        return ds;
    }

    /** What a change record shows of a camera: every setting, the password only as whether there is one. */
    static Map<String, Object> describe(Camera c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("profileId", c.profileId());
        m.put("host", c.host());
        m.put("port", c.port());
        m.put("channel", c.channel());
        m.put("stream", c.stream());
        m.put("path", c.path());
        m.put("username", c.username());
        m.put("hasPassword", c.hasPassword());
        m.put("area", c.area().code());
        m.put("privacyMasks", c.privacyMasks());
        m.put("held", c.held());
        m.put("active", c.active());
        return m;
    }

    /** The fields whose values differ, in {@link #describe} order. */
    static List<String> changedFields(Map<String, Object> before, Map<String, Object> after) {
        List<String> out = new ArrayList<>();
        for (String k : after.keySet()) {
            if (!Objects.equals(before.get(k), after.get(k))) {
                out.add(k);
            }
        }
        return out;
    }

    CameraChange record(Connection c, Instant time, Principal who, long cameraId, long centreId, String action, List<String> fields,
                        Map<String, Object> before, Map<String, Object> after, boolean openingHours, Long maskRequestId) throws SQLException {
        String sql = "INSERT INTO camera_changes (time, camera_id, centre_id, user_id, username, role, action, fields, before, after, "
                + "opening_hours, mask_request_id) VALUES (?,?,?,?,?,?,?,?,?::jsonb,?::jsonb,?,?) RETURNING " + CHANGE_COLUMNS;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(time));
            ps.setLong(2, cameraId);
            ps.setLong(3, centreId);
            ps.setLong(4, who.userId());
            ps.setString(5, who.username());
            ps.setString(6, who.role().code());
            ps.setString(7, action);
            ps.setArray(8, c.createArrayOf("text", fields.toArray()));
            ps.setString(9, before == null ? null : write(only(before, fields)));
            ps.setString(10, after == null ? null : write(only(after, fields)));
            ps.setBoolean(11, openingHours);
            ps.setObject(12, maskRequestId, Types.BIGINT);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return change(rs);
            }
        }
    }

    /** The changes of a centre's cameras, newest first. */
    public List<CameraChange> listByCentre(long centreId, Instant from, Instant to, int limit, int offset) throws SQLException {
        String sql = "SELECT " + CHANGE_COLUMNS + " FROM camera_changes WHERE centre_id = ? AND time >= ? AND time < ? "
                + "ORDER BY time DESC, id DESC LIMIT ? OFFSET ?";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, centreId);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            ps.setInt(4, limit);
            ps.setInt(5, offset);
            List<CameraChange> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(change(rs));
                }
            }
            return out;
        }
    }

    /** Opens a request for new masks, superseding the camera's pending one. */
    MaskRequest openRequest(Connection c, Instant time, Principal who, Camera camera, List<MaskRect> masks, MaskCoverage coverage)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE camera_mask_requests SET state = 'superseded', decided_at = ?, "
                + "note = 'superseded by a newer request' WHERE camera_id = ? AND state = 'pending'")) {
            ps.setTimestamp(1, Timestamp.from(time));
            ps.setLong(2, camera.id());
            ps.executeUpdate();
        }
        String sql = "INSERT INTO camera_mask_requests (camera_id, centre_id, requested_at, requested_by, requested_by_name, masks_before, "
                + "masks, adds_coverage, removes_coverage) VALUES (?,?,?,?,?,?::jsonb,?::jsonb,?,?) RETURNING " + REQUEST_COLUMNS;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, camera.id());
            ps.setLong(2, camera.centreId());
            ps.setTimestamp(3, Timestamp.from(time));
            ps.setLong(4, who.userId());
            ps.setString(5, who.username());
            ps.setString(6, write(camera.privacyMasks()));
            ps.setString(7, write(masks));
            ps.setBoolean(8, coverage.addsCoverage());
            ps.setBoolean(9, coverage.removesCoverage());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return request(rs);
            }
        }
    }

    /** Decides a pending request (locked for the transaction); empty when it is not pending any more. */
    Optional<MaskRequest> decide(Connection c, long id, String state, Instant time, Principal who, String note) throws SQLException {
        String sql = "UPDATE camera_mask_requests SET state = ?, decided_at = ?, decided_by = ?, decided_by_name = ?, note = ? "
                + "WHERE id = ? AND state = 'pending' RETURNING " + REQUEST_COLUMNS;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, state);
            ps.setTimestamp(2, Timestamp.from(time));
            ps.setLong(3, who.userId());
            ps.setString(4, who.username());
            ps.setString(5, note == null ? "" : note);
            ps.setLong(6, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(request(rs)) : Optional.empty();
            }
        }
    }

    public Optional<MaskRequest> findRequest(long id) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + REQUEST_COLUMNS
                + " FROM camera_mask_requests WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(request(rs)) : Optional.empty();
            }
        }
    }

    /** A centre's mask requests, newest first; {@code state} null for every state. */
    public List<MaskRequest> requestsByCentre(long centreId, String state, int limit, int offset) throws SQLException {
        String sql = "SELECT " + REQUEST_COLUMNS + " FROM camera_mask_requests WHERE centre_id = ?"
                + (state == null ? "" : " AND state = ?") + " ORDER BY id DESC LIMIT ? OFFSET ?";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setLong(i++, centreId);
            if (state != null) {
                ps.setString(i++, state);
            }
            ps.setInt(i++, limit);
            ps.setInt(i, offset);
            List<MaskRequest> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(request(rs));
                }
            }
            return out;
        }
    }

    private static Map<String, Object> only(Map<String, Object> all, List<String> fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String f : fields) {
            m.put(f, all.get(f));
        }
        return m;
    }

    private static CameraChange change(ResultSet rs) throws SQLException {
        Array fields = rs.getArray("fields");
        long mr = rs.getLong("mask_request_id");
        Long maskRequest = rs.wasNull() ? null : mr;
        return new CameraChange(rs.getLong("id"), rs.getTimestamp("time").toInstant(), rs.getLong("camera_id"), rs.getLong("centre_id"),
                rs.getLong("user_id"), rs.getString("username"), rs.getString("role"), rs.getString("action"),
                Arrays.asList((String[]) fields.getArray()), read(rs.getString("before")), read(rs.getString("after")),
                rs.getBoolean("opening_hours"), maskRequest);
    }

    private static MaskRequest request(ResultSet rs) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        long by = rs.getLong("decided_by");
        Long decidedBy = rs.wasNull() ? null : by;
        return new MaskRequest(rs.getLong("id"), rs.getLong("camera_id"), rs.getLong("centre_id"), rs.getTimestamp("requested_at").toInstant(),
                rs.getLong("requested_by"), rs.getString("requested_by_name"), CameraRepository.masks(rs.getString("masks_before")),
                CameraRepository.masks(rs.getString("masks")), rs.getBoolean("adds_coverage"), rs.getBoolean("removes_coverage"),
                rs.getString("state"), decided == null ? null : decided.toInstant(), decidedBy, rs.getString("decided_by_name"),
                rs.getString("note"));
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> read(String json) throws SQLException {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new SQLException("stored camera change unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
