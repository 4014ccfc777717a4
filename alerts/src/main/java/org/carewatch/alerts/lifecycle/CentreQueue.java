package org.carewatch.alerts.lifecycle;

import java.util.List;
import org.carewatch.alerts.model.Alert;
import org.carewatch.core.centres.Centre;

/** A centre's open alerts for its staff, most urgent first ({@link AlertService#centreQueue}). */
public record CentreQueue(Centre centre, List<Alert> open) {
    public CentreQueue {
        open = List.copyOf(open);
    }
}
