package org.carewatch.ingest.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carewatch.core.readings.DeviceEvent;
import org.carewatch.core.sensors.Sensor;

/**
 * Online/offline state per sensor from availability messages and report silence (the profile's
 * {@code offline_after}). Emits an event only on a change. Used by one thread.
 */
final class DeviceStatusTracker {
    private final Map<Long, Boolean> online = new HashMap<>();
    private final Map<Long, Instant> lastSeen = new HashMap<>();
    private final Instant trackingSince;

    /** @param known last known state per sensor (from stored device events) */
    DeviceStatusTracker(Map<Long, Boolean> known, Instant trackingSince) {
        this.online.putAll(known);
        this.trackingSince = trackingSince;
    }

    /** A message from the sensor arrived: it is online. */
    Optional<DeviceEvent> seen(Sensor s, Instant now) {
        lastSeen.put(s.id(), now);
        return change(s, true, now, "reporting");
    }

    Optional<DeviceEvent> availability(Sensor s, boolean isOnline, Instant now) {
        if (isOnline) {
            lastSeen.put(s.id(), now);
        }
        return change(s, isOnline, now, isOnline ? "availability: online" : "availability: offline");
    }

    /** Offline events for sensors silent longer than their profile allows. */
    List<DeviceEvent> silent(List<TopicRouter.Tracked> sensors, Instant now) {
        List<DeviceEvent> out = new ArrayList<>();
        for (TopicRouter.Tracked t : sensors) {
            Duration limit = t.profile().offlineAfter();
            if (limit == null || limit.isZero() || Boolean.FALSE.equals(online.get(t.sensor().id()))) {
                continue;
            }
            Instant last = lastSeen.getOrDefault(t.sensor().id(), trackingSince);
            if (Duration.between(last, now).compareTo(limit) > 0) {
                change(t.sensor(), false, now, "silent since " + last + " (profile offline_after " + limit + ")").ifPresent(out::add);
            }
        }
        return out;
    }

    Optional<Boolean> state(long sensorId) {
        return Optional.ofNullable(online.get(sensorId));
    }

    private Optional<DeviceEvent> change(Sensor s, boolean isOnline, Instant now, String reason) {
        Boolean before = online.put(s.id(), isOnline);
        if (before != null && before == isOnline) {
            return Optional.empty();
        }
        if (before == null && isOnline) {
            return Optional.empty(); // first sight after a start with no history: nothing changed that we know of
        }
        return Optional.of(new DeviceEvent(now, s.centreId(), s.id(), isOnline, reason));
    }
}
