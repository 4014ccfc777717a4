package org.carewatch.ui.alerts;

import java.util.List;
import org.carewatch.ui.console.Option;
import org.carewatch.ui.console.Shell;

/** The model of alerts/list.jte: filters with their choices, one page of rows, paging links. */
public record AlertListPage(Shell shell, AlertFilters filters, List<AlertRow> rows, long total, int page, int pages,
                            List<Option> centres, List<Option> kinds, List<Option> severities, List<Option> states) {

    public String self() {
        return filters.href(page);
    }

    public String previous() {
        return page > 1 ? filters.href(page - 1) : null;
    }

    public String next() {
        return page < pages ? filters.href(page + 1) : null;
    }

    public String fromValue() {
        return filters.from() == null ? "" : filters.from().toString();
    }

    public String toValue() {
        return filters.to() == null ? "" : filters.to().toString();
    }
}
