package org.carewatch.tools.bench;

import java.sql.SQLException;
import java.time.LocalTime;
import java.util.List;
import javax.sql.DataSource;
import org.carewatch.core.centres.Centre;
import org.carewatch.core.centres.CentreInput;
import org.carewatch.core.centres.CentreRepository;
import org.carewatch.core.districts.District;
import org.carewatch.core.districts.DistrictRepository;

/**
 * The district and centre a benchmark's sensors belong to, created through core's repositories (core owns
 * those tables). The centre is open around the clock every day, so time-of-day rules never mute an alert.
 */
public final class BenchDistrict {
    public static final String CODE = "BENCH";
    public static final String CENTRE_CODE = "BENCH1";

    private BenchDistrict() {
    }

    /** The benchmark centre, created on first use. */
    public static Centre centre(DataSource ds) throws SQLException {
        DistrictRepository districts = new DistrictRepository(ds);
        long district = districts.findByCode(CODE).orElseGet(() -> create(districts)).id();
        CentreRepository centres = new CentreRepository(ds);
        for (Centre c : centres.listByDistrict(district, true)) {
            if (c.code().equals(CENTRE_CODE)) {
                return c;
            }
        }
        return centres.create(new CentreInput(district, CENTRE_CODE, "Benchmark centre", null, null, null, null, null,
                List.of(1, 2, 3, 4, 5, 6, 7), LocalTime.MIN, LocalTime.of(23, 59), null, null, null, null, null));
    }

    private static District create(DistrictRepository districts) {
        try {
            return districts.create(CODE, "Benchmark district");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the benchmark district: " + e.getMessage(), e);
        }
    }
}
