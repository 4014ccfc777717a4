package org.carewatch.core.centres;

import java.sql.SQLException;

/** Told about every changed centre after the change is stored, e.g. so its cameras switch between held and on-demand. */
@FunctionalInterface
public interface CentreChanges {
    CentreChanges NONE = centreId -> {
    };

    void centreChanged(long centreId) throws SQLException;
}
