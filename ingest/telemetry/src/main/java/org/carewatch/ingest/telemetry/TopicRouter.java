package org.carewatch.ingest.telemetry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.carewatch.core.sensors.Sensor;
import org.carewatch.profiles.sensor.SensorProfile;
import org.carewatch.profiles.sensor.TopicPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the registered sensor a topic belongs to: each sensor's profile topics with its device key
 * filled in, looked up in a hash map (patterns with other {@code +} levels are matched one by one).
 * Immutable; rebuilt when the registry changes.
 */
final class TopicRouter {
    private static final Logger log = LoggerFactory.getLogger(TopicRouter.class);

    /** A sensor and whether the topic is its availability (last-will) topic rather than a reading topic. */
    record Route(Sensor sensor, SensorProfile profile, boolean availability) {
    }

    record Tracked(Sensor sensor, SensorProfile profile) {
    }

    private record Wildcard(TopicPattern pattern, Route route) {
    }

    private final Map<String, Route> exact;
    private final Set<String> lifeSafetyTopics;
    private final List<Wildcard> wildcards;
    private final List<Tracked> sensors;
    private final Set<String> filters;

    private TopicRouter(Map<String, Route> exact, List<Wildcard> wildcards, List<Tracked> sensors, Set<String> filters) {
        this.exact = exact;
        Set<String> ls = new java.util.TreeSet<>();
        exact.forEach((topic, r) -> {
            if (!r.availability() && r.profile().lifeSafety()) {
                ls.add(topic);
            }
        });
        this.lifeSafetyTopics = Set.copyOf(ls);
        this.wildcards = wildcards;
        this.sensors = sensors;
        this.filters = filters;
    }

    static TopicRouter build(Collection<Sensor> registered, Function<String, Optional<SensorProfile>> profiles) {
        Map<String, Route> exact = new HashMap<>();
        List<Wildcard> wildcards = new ArrayList<>();
        List<Tracked> tracked = new ArrayList<>();
        Set<String> filters = new LinkedHashSet<>();
        for (Sensor s : registered) {
            Optional<SensorProfile> p = profiles.apply(s.profileId());
            if (p.isEmpty()) {
                log.warn("sensor {} has unknown profile '{}'; its messages are rejected as unknown topics", s.id(), s.profileId());
                continue;
            }
            SensorProfile profile = p.get();
            tracked.add(new Tracked(s, profile));
            filters.addAll(profile.topicFilters(null));
            for (TopicPattern t : profile.topics()) {
                add(exact, wildcards, t, new Route(s, profile, false));
            }
            if (profile.availability() != null) {
                add(exact, wildcards, profile.availability().topic(), new Route(s, profile, true));
            }
        }
        return new TopicRouter(Map.copyOf(exact), List.copyOf(wildcards), List.copyOf(tracked), Set.copyOf(filters));
    }

    private static void add(Map<String, Route> exact, List<Wildcard> wildcards, TopicPattern pattern, Route route) {
        String topic;
        try {
            topic = pattern.filter(route.sensor().deviceKey());
        } catch (IllegalArgumentException e) {
            log.warn("sensor {}: device key '{}' cannot be used in a topic", route.sensor().id(), route.sensor().deviceKey());
            return;
        }
        if (topic.contains("+")) {
            wildcards.add(new Wildcard(pattern, route));
            return;
        }
        Route previous = exact.putIfAbsent(topic, route);
        if (previous != null && previous.sensor().id() != route.sensor().id()) {
            log.warn("topic {} is claimed by sensors {} and {}; messages go to {}", topic, previous.sensor().id(),
                    route.sensor().id(), previous.sensor().id());
        }
    }

    /**
     * True for a reading topic of a {@link SensorProfile#lifeSafety() life-safety} sensor registered under an
     * exact topic: one hash lookup, cheap enough for Paho's callback thread.
     */
    boolean lifeSafety(String topic) {
        Route r = exact.get(topic);
        return r != null && !r.availability() && r.profile().lifeSafety();
    }

    /** The exact reading topics of every life-safety sensor: what the life-safety session subscribes to. */
    Set<String> lifeSafetyTopics() {
        return lifeSafetyTopics;
    }

    Optional<Route> route(String topic) {
        Route r = exact.get(topic);
        if (r != null) {
            return Optional.of(r);
        }
        for (Wildcard w : wildcards) {
            if (w.pattern().match(topic).filter(d -> d.equals(w.route().sensor().deviceKey())).isPresent()) {
                return Optional.of(w.route());
            }
        }
        return Optional.empty();
    }

    /** Subscription filters covering every registered sensor ({@code +} for the device level). */
    Set<String> filters() {
        return filters;
    }

    List<Tracked> sensors() {
        return sensors;
    }
}
