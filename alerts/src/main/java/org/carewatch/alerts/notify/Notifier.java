package org.carewatch.alerts.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans notices out to publishers, grouping repeats: an alert that occurs again within the group window
 * (a flapping device) raises its count but sends at most one {@code alert.repeated} notice per window.
 */
public final class Notifier {
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final List<AlertPublisher> publishers = new CopyOnWriteArrayList<>();
    private final Map<Long, Instant> lastRepeatSent = new ConcurrentHashMap<>();
    private final Duration groupWindow;
    private final Clock clock;

    public Notifier(Duration groupWindow, Clock clock) {
        this.groupWindow = groupWindow;
        this.clock = clock;
    }

    public void add(AlertPublisher p) {
        publishers.add(p);
    }

    public void remove(AlertPublisher p) {
        publishers.remove(p);
    }

    public void publish(AlertNotice n) {
        if ("alert.repeated".equals(n.event()) || "alert.cleared".equals(n.event())) {
            Instant now = clock.instant();
            String k = n.event();
            Instant last = lastRepeatSent.get(n.alert().id() * 2 + (k.equals("alert.cleared") ? 1 : 0));
            if (last != null && Duration.between(last, now).compareTo(groupWindow) < 0) {
                return;
            }
            lastRepeatSent.put(n.alert().id() * 2 + (k.equals("alert.cleared") ? 1 : 0), now);
        }
        for (AlertPublisher p : publishers) {
            try {
                p.publish(n);
            } catch (RuntimeException e) {
                log.warn("alert publisher {} failed on {} of alert {}: {}", p.getClass().getSimpleName(), n.event(), n.alert().id(), e.toString());
            }
        }
    }
}
