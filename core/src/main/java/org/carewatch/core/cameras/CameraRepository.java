package org.carewatch.core.cameras;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.carewatch.core.errors.ConflictException;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.security.CredentialCipher;
import org.carewatch.profiles.camera.CameraAddress;
import org.carewatch.profiles.camera.CameraProfile;
import org.carewatch.profiles.camera.CameraUrls;
import org.carewatch.profiles.camera.Credentials;
import org.carewatch.profiles.camera.StreamKind;
import org.carewatch.profiles.catalog.ProfileCatalog;

/** Cameras and their sealed credentials; every write is checked against the camera's hardware profile. */
public final class CameraRepository {
    private static final String COLUMNS = "id, centre_id, name, profile_id, host, port, channel, stream, rtsp_path, username, "
            + "password_enc IS NOT NULL AS has_password, area, privacy_masks, held, active, version, created_at, updated_at";

    private final DataSource ds;
    private final CredentialCipher cipher;
    private final ProfileCatalog catalog;

    public CameraRepository(DataSource ds, CredentialCipher cipher, ProfileCatalog catalog) {
        this.ds = ds;
        this.cipher = cipher;
        this.catalog = catalog;
    }

    public List<Camera> listByCentre(long centreId) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM cameras WHERE centre_id = ? ORDER BY id", centreId);
    }

    public List<Camera> listActive() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM cameras WHERE active ORDER BY id")) {
            return read(ps);
        }
    }

    private static final String HELD = " FROM cameras WHERE active AND held AND centre_id IN (SELECT id FROM centres WHERE active AND hold_cameras)";

    /** Cameras whose streams are to be held open: the camera and its centre both say so. */
    public List<Camera> listHeld() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + HELD + " ORDER BY id")) {
            return read(ps);
        }
    }

    public Optional<Camera> findHeld(long id) throws SQLException {
        return query("SELECT " + COLUMNS + HELD + " AND id = ?", id).stream().findFirst();
    }

    public Optional<Camera> find(long id) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM cameras WHERE id = ?", id).stream().findFirst();
    }

    /** The camera, locked for the rest of {@code c}'s transaction. */
    public Optional<Camera> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM cameras WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, id);
            return read(ps).stream().findFirst();
        }
    }

    /** Sets a camera's privacy masks on {@code c} (an approved request), as a new version. */
    public Camera setMasks(Connection c, long id, List<MaskRect> masks) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE cameras SET privacy_masks = ?::jsonb, version = version + 1, "
                + "updated_at = now() WHERE id = ? RETURNING " + COLUMNS)) {
            ps.setString(1, masks(masks));
            ps.setLong(2, id);
            return read(ps).stream().findFirst().orElseThrow(() -> new NotFoundException("camera " + id + " not found"));
        }
    }

    public Camera create(long centreId, CameraInput in) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return create(c, centreId, in);
        }
    }

    /** Registers a camera on {@code c} (the caller's transaction). */
    public Camera create(Connection c, long centreId, CameraInput in) throws SQLException {
        in.validate(true);
        CameraProfile profile = profile(in.profileId());
        String stream = in.stream() == null ? "main" : in.stream();
        int channel = in.channel() == null ? 1 : in.channel();
        checkAgainstProfile(profile, in.host(), in.port(), channel, stream, in.path());
        String sql = "INSERT INTO cameras (centre_id, name, profile_id, host, port, channel, stream, rtsp_path, username, password_enc, "
                + "area, held, active, privacy_masks) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?::jsonb) RETURNING " + COLUMNS;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, centreId);
            ps.setString(2, in.name().strip());
            ps.setString(3, profile.id());
            ps.setString(4, in.host());
            setInt(ps, 5, in.port());
            ps.setInt(6, channel);
            ps.setString(7, stream);
            ps.setString(8, in.path());
            ps.setString(9, in.username() != null ? in.username() : profile.defaultUser());
            ps.setBytes(10, in.password() == null || in.password().isEmpty() ? null : cipher.seal(in.password()));
            ps.setString(11, (in.area() == null ? CameraArea.ACTIVITY : in.area()).code());
            ps.setBoolean(12, in.held() == null || in.held());
            ps.setBoolean(13, in.active() == null || in.active());
            ps.setString(14, masks(in.privacyMasks() == null ? List.of() : in.privacyMasks()));
            return read(ps).getFirst();
        } catch (SQLException e) {
            if ("23503".equals(e.getSQLState())) {
                throw new NotFoundException("centre " + centreId + " not found");
            }
            throw e;
        }
    }

    public Camera update(long id, CameraInput in) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return update(c, id, in);
        }
    }

    /**
     * Changes a camera on {@code c} (the caller's transaction). A camera re-pointed elsewhere (another host,
     * port or stream path) loses its stored password unless the same request gives one: credentials never
     * follow a camera to a new address.
     */
    public Camera update(Connection c, long id, CameraInput in) throws SQLException {
        in.validate(false);
        Camera cur = find(c, id).orElseThrow(() -> new NotFoundException("camera " + id + " not found"));
        CameraProfile profile = profile(in.profileId() != null ? in.profileId() : cur.profileId());
        String host = or(in.host(), cur.host());
        Integer port = in.port() != null ? in.port() : cur.port();
        int channel = in.channel() != null ? in.channel() : cur.channel();
        String stream = or(in.stream(), cur.stream());
        String path = or(in.path(), cur.path());
        checkAgainstProfile(profile, host, port, channel, stream, path);
        CameraProfile curProfile = catalog.camera(cur.profileId()).orElse(profile);
        boolean repointed = !host.equalsIgnoreCase(cur.host())
                || (port != null ? port : profile.defaultPort()) != (cur.port() != null ? cur.port() : curProfile.defaultPort())
                || !java.util.Objects.equals(path, cur.path());
        boolean setPassword = in.password() != null || repointed;
        String sql = "UPDATE cameras SET name = ?, profile_id = ?, host = ?, port = ?, channel = ?, stream = ?, rtsp_path = ?, "
                + "username = ?, password_enc = CASE WHEN ? THEN ? ELSE password_enc END, area = ?, held = ?, active = ?, privacy_masks = ?::jsonb, "
                + "version = version + 1, updated_at = now() WHERE id = ? AND version = ? RETURNING " + COLUMNS;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, in.name() == null ? cur.name() : in.name().strip());
            ps.setString(2, profile.id());
            ps.setString(3, host);
            setInt(ps, 4, port);
            ps.setInt(5, channel);
            ps.setString(6, stream);
            ps.setString(7, path);
            ps.setString(8, or(in.username(), cur.username()));
            ps.setBoolean(9, setPassword);
            ps.setBytes(10, in.password() == null || in.password().isEmpty() ? null : cipher.seal(in.password()));
            ps.setString(11, (in.area() == null ? cur.area() : in.area()).code());
            ps.setBoolean(12, in.held() == null ? cur.held() : in.held());
            ps.setBoolean(13, in.active() == null ? cur.active() : in.active());
            ps.setString(14, masks(in.privacyMasks() == null ? cur.privacyMasks() : in.privacyMasks()));
            ps.setLong(15, id);
            ps.setInt(16, in.version());
            List<Camera> out = read(ps);
            if (out.isEmpty()) {
                throw new ConflictException("camera " + id + " was changed by someone else (version " + in.version()
                        + " is no longer current); reload it and apply your change again");
            }
            return out.getFirst();
        }
    }

    /** The connection URL with the credentials opened; for ingest only. */
    public CameraEndpoint endpoint(long id) throws SQLException {
        String sql = "SELECT centre_id, profile_id, host, port, channel, stream, rtsp_path, username, password_enc, held FROM cameras WHERE id = ?";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("camera " + id + " not found");
                }
                CameraProfile profile = profile(rs.getString("profile_id"));
                byte[] sealed = rs.getBytes("password_enc");
                String user = rs.getString("username");
                Credentials creds = user == null && sealed == null ? null
                        : new Credentials(user == null ? "" : user, sealed == null ? "" : cipher.open(sealed));
                CameraAddress addr = new CameraAddress(rs.getString("host"), (Integer) rs.getObject("port"), rs.getInt("channel"),
                        StreamKind.valueOf(rs.getString("stream").toUpperCase(Locale.ROOT)), rs.getString("rtsp_path"));
                var url = CameraUrls.rtspUrl(profile, addr, creds);
                return new CameraEndpoint(id, rs.getLong("centre_id"), url, CameraUrls.redact(url),
                        profile.transport().name().toLowerCase(Locale.ROOT),
                        profile.quirks().stream().map(q -> q.id()).collect(Collectors.toUnmodifiableSet()), rs.getBoolean("held"),
                        CameraUrls.snapshotUrl(profile, addr), creds == null ? null : creds.user(), creds == null ? null : creds.password(),
                        profile.auth().id(), profile.snapshotEndpoint().map(e -> e.auth().id()).orElse(profile.auth().id()));
            }
        }
    }

    private CameraProfile profile(String id) {
        return catalog.camera(id).orElseThrow(() -> new InvalidInputException("profileId", "no camera profile '" + id
                + "'; known: " + catalog.cameras().stream().map(CameraProfile::id).collect(Collectors.joining(", "))));
    }

    private static void checkAgainstProfile(CameraProfile p, String host, Integer port, int channel, String stream, String path) {
        if (channel < 1 || channel > p.maxChannels()) {
            throw new InvalidInputException("channel", "must be between 1 and " + p.maxChannels() + " for " + p.id());
        }
        if (p.needsPath() && (path == null || path.isBlank())) {
            throw new InvalidInputException("path", "profile " + p.id() + " needs the stream path, e.g. /live/main");
        }
        try {
            CameraUrls.rtspUrl(p, new CameraAddress(host, port, channel, StreamKind.valueOf(stream.toUpperCase(Locale.ROOT)), path), null);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("host", e.getMessage());
        }
    }

    private List<Camera> query(String sql, long param) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, param);
            return read(ps);
        }
    }

    private static List<Camera> read(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<Camera> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Camera(rs.getLong("id"), rs.getLong("centre_id"), rs.getString("name"), rs.getString("profile_id"),
                        rs.getString("host"), (Integer) rs.getObject("port"), rs.getInt("channel"), rs.getString("stream"),
                        rs.getString("rtsp_path"), rs.getString("username"), rs.getBoolean("has_password"),
                        CameraArea.fromCode(rs.getString("area")), masks(rs.getString("privacy_masks")), rs.getBoolean("held"), rs.getBoolean("active"), rs.getInt("version"),
                        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant()));
            }
            return out;
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    static String masks(List<MaskRect> masks) {
        try {
            return JSON.writeValueAsString(masks);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<MaskRect> masks(String json) throws SQLException {
        try {
            return List.of(JSON.readValue(json, MaskRect[].class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("stored privacy masks unreadable: " + e.getOriginalMessage(), e);
        }
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    private static String or(String v, String fallback) {
        return v != null ? v : fallback;
    }
}
