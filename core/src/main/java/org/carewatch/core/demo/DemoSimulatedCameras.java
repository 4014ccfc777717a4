package org.carewatch.core.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The demo district's cameras as registered: the ones the camera simulator serves ({@code generic-rtsp} on
 * 127.0.0.1, paths {@code /cam/N}). Here because core owns the {@code cameras} table.
 */
public final class DemoSimulatedCameras {
    private static final String DEMO_CAMERAS = "profile_id = 'generic-rtsp' AND host = '127.0.0.1' AND rtsp_path LIKE '/cam/%'";

    private DemoSimulatedCameras() {
    }

    public static int count(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM cameras WHERE " + DEMO_CAMERAS);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Points the demo cameras at the port the simulator got (another program may hold the usual one). */
    public static void followSimulatorPort(DataSource ds, int port) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE cameras SET port = ?, version = version + 1, updated_at = now() WHERE " + DEMO_CAMERAS + " AND port IS DISTINCT FROM ?")) {
            ps.setInt(1, port);
            ps.setInt(2, port);
            ps.executeUpdate();
        }
    }
}
