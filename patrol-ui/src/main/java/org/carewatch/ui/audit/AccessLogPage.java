package org.carewatch.ui.audit;

import java.util.List;
import org.carewatch.core.audit.AccessLog;
import org.carewatch.ui.console.Option;
import org.carewatch.ui.console.Shell;

/**
 * The model of audit/access.jte: the filters with their choices, one page of rows (newest first), the links to
 * the newest and the older rows, the CSV of exactly these rows, and the hash chain's verification.
 */
public record AccessLogPage(Shell shell, AccessFilters filters, List<AccessRow> rows, String older, String newest, String csv,
                            List<Option> centres, List<Option> actions, AccessLog.Verification chain) {

    public String fromValue() {
        return filters.from() == null ? "" : filters.from().toString();
    }

    public String toValue() {
        return filters.to() == null ? "" : filters.to().toString();
    }

    public String userValue() {
        return filters.user() == null ? "" : filters.user();
    }

    public String cameraValue() {
        return filters.camera() == null ? "" : filters.camera().toString();
    }
}
