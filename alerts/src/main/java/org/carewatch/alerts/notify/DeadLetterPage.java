package org.carewatch.alerts.notify;

import java.util.List;

/** One page of a webhook's dead letters, newest first, and how many there are in all. */
public record DeadLetterPage(List<DeadLetterRow> items, long total) {
    public DeadLetterPage {
        items = List.copyOf(items);
    }
}
