package org.carewatch.core.districts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.carewatch.core.errors.NotFoundException;

/** The {@code districts} table: what other services need to know of a district. */
public final class DistrictRepository {
    private final DataSource ds;

    public DistrictRepository(DataSource ds) {
        this.ds = ds;
    }

    public LiveViewPolicy liveViewPolicy(long districtId) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT live_view_policy FROM districts WHERE id = ?")) {
            ps.setLong(1, districtId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("district " + districtId + " not found");
                }
                return LiveViewPolicy.fromCode(rs.getString(1));
            }
        }
    }
}
