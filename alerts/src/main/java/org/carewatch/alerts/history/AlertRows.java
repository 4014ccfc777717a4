package org.carewatch.alerts.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.carewatch.alerts.lifecycle.AlertRepository;
import org.carewatch.alerts.model.Alert;

/** The alert columns and row mapping shared with {@link AlertRepository}. */
final class AlertRows {
    static final String COLUMNS = AlertRepository.COLUMNS;

    private AlertRows() {
    }

    static Alert map(ResultSet rs) throws SQLException {
        return AlertRepository.map(rs);
    }
}
