package org.carewatch.profiles.sensor;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.carewatch.profiles.parse.Describe;
import org.carewatch.profiles.parse.Durations;
import org.carewatch.profiles.parse.Header;
import org.carewatch.profiles.parse.ObjectFields;

/** Reads a sensor profile document; returns null when any problem was recorded. */
public final class SensorProfileParser {

    private static final Map<String, PayloadFormat> FORMATS = Map.of("json", PayloadFormat.JSON, "text", PayloadFormat.TEXT);
    private static final Map<String, MetricType> TYPES = choices(MetricType.values());
    private static final Map<String, TimestampFormat> TIME_FORMATS = choices(TimestampFormat.values());
    private static final Map<String, Severity> SEVERITIES = choices(Severity.values());
    private static final Map<String, AlertCondition> CONDITIONS = choices(AlertCondition.values());

    private SensorProfileParser() {
    }

    private static <E extends Enum<E>> Map<String, E> choices(E[] values) {
        Map<String, E> m = new LinkedHashMap<>();
        for (E e : values) {
            m.put(e.name().toLowerCase(Locale.ROOT).replace('_', '-'), e);
        }
        return m;
    }

    public static SensorProfile parse(ObjectFields f) {
        Header h = Header.read(f);
        List<TopicPattern> topics = new ArrayList<>();
        List<String> topicTexts = f.optionalStringList("topics");
        if (!f.has("topics")) {
            f.problem("topics", "is required");
        } else if (topicTexts.isEmpty()) {
            f.problem("topics", "must list at least one topic");
        }
        for (int i = 0; i < topicTexts.size(); i++) {
            String t = topicTexts.get(i);
            var problem = TopicPattern.problem(t);
            if (problem.isPresent()) {
                f.problems().add(f.pathOf("topics") + "[" + i + "]", problem.get());
            } else {
                topics.add(TopicPattern.of(t));
            }
        }
        PayloadFormat format = f.optionalChoice("format", FORMATS);
        PayloadFormat fmt = format == null ? PayloadFormat.JSON : format;
        Integer maxBytes = f.optionalInt("max_payload_bytes", 16, 16 * 1024 * 1024);
        TimestampField timestamp = f.optionalObject("timestamp").map(t -> {
            List<PayloadPath> paths = paths(t, "path", true);
            TimestampFormat tf = t.optionalChoice("format", TIME_FORMATS);
            t.finish();
            return paths.isEmpty() ? null : new TimestampField(paths, tf == null ? TimestampFormat.AUTO : tf);
        }).orElse(null);
        Set<String> declared = new HashSet<>();
        List<MetricMapping> metrics = f.objectList("metrics", true, m -> metric(m, fmt, declared));
        Set<String> names = new HashSet<>();
        for (int i = 0; i < metrics.size(); i++) {
            if (!names.add(metrics.get(i).name())) {
                f.problem("metrics", "metric name '" + metrics.get(i).name() + "' is used twice");
            }
        }
        List<ValueCondition> ignoreIf = f.objectList("ignore_if", false, SensorProfileParser::condition);
        List<ValueCondition> require = f.objectList("require", false, SensorProfileParser::condition);
        Availability availability = f.optionalObject("availability").map(SensorProfileParser::availability).orElse(null);
        Duration reportInterval = f.requiredDuration("report_interval");
        Duration offlineAfter = f.requiredDuration("offline_after");
        if (reportInterval != null && offlineAfter != null && offlineAfter.compareTo(reportInterval) <= 0) {
            f.problem("offline_after", "must be longer than report_interval (" + Durations.format(reportInterval)
                    + "), got " + Durations.format(offlineAfter));
        }
        Map<String, MetricMapping> byName = new LinkedHashMap<>();
        metrics.forEach(m -> byName.putIfAbsent(m.name(), m));
        List<AlertRule> rules = f.objectList("alert_rules", false, r -> rule(r, byName, declared));
        Set<String> ruleIds = new HashSet<>();
        for (AlertRule r : rules) {
            if (!ruleIds.add(r.id())) {
                f.problem("alert_rules", "rule id '" + r.id() + "' is used twice");
            }
        }
        f.finish();
        if (!f.problems().isEmpty()) {
            return null;
        }
        return new SensorProfile(h.id(), h.name(), h.nameZh(), h.vendor(), h.family(), topics, fmt,
                maxBytes == null ? SensorProfile.DEFAULT_MAX_PAYLOAD_BYTES : maxBytes,
                timestamp, metrics, ignoreIf, require, availability, reportInterval, offlineAfter, rules, h.notes());
    }

    /** A path or a list of alternative paths. */
    private static List<PayloadPath> paths(ObjectFields f, String key, boolean required) {
        JsonNode raw = f.raw(key);
        if (raw == null) {
            if (required) {
                f.problem(key, "is required");
            }
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        if (raw.isTextual()) {
            texts.add(raw.asText());
            fields.add(f.pathOf(key));
        } else if (raw.isArray() && !raw.isEmpty()) {
            for (int i = 0; i < raw.size(); i++) {
                if (!raw.get(i).isTextual()) {
                    f.problems().add(f.pathOf(key) + "[" + i + "]", "must be a path string, got " + Describe.node(raw.get(i)));
                    continue;
                }
                texts.add(raw.get(i).asText());
                fields.add(f.pathOf(key) + "[" + i + "]");
            }
        } else {
            f.problem(key, "must be a path like /temperature or a list of paths, got " + Describe.node(raw));
            return List.of();
        }
        List<PayloadPath> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            var problem = PayloadPath.problem(texts.get(i));
            if (problem.isPresent()) {
                f.problems().add(fields.get(i), problem.get());
            } else {
                out.add(PayloadPath.parse(texts.get(i)).orElseThrow());
            }
        }
        return out;
    }

    private static MetricMapping metric(ObjectFields m, PayloadFormat format, Set<String> declared) {
        int before = m.problems().count();
        String name = m.requiredName("name");
        if (name != null) {
            declared.add(name);
        }
        List<PayloadPath> paths = paths(m, "path", true);
        if (format == PayloadFormat.TEXT) {
            for (PayloadPath p : paths) {
                if (!p.toString().isEmpty()) {
                    m.problem("path", "must be \"\" (the whole payload) when format is text, got \"" + p + "\"");
                }
            }
        }
        MetricType type = m.optionalChoice("type", TYPES);
        MetricType t = type == null ? MetricType.NUMBER : type;
        String unit = m.optionalString("unit");
        Double scale = m.optionalNumber("scale");
        Double offset = m.optionalNumber("offset");
        Double min = m.optionalNumber("min");
        Double max = m.optionalNumber("max");
        List<String> trueValues = m.optionalStringList("true_values");
        List<String> falseValues = m.optionalStringList("false_values");
        boolean invert = m.optionalBoolean("invert", false);
        Map<String, Double> values = m.optionalNumberMap("values");
        if (t == MetricType.NUMBER && unit == null && m.raw("unit") == null) {
            m.problem("unit", "is required for number metrics (e.g. \"°C\", \"%\", \"ppm\")");
        }
        if (t == MetricType.NUMBER && scale != null && scale == 0) {
            m.problem("scale", "must not be 0");
        }
        if (t != MetricType.NUMBER) {
            onlyFor(m, "scale", "number", t);
            onlyFor(m, "offset", "number", t);
            onlyFor(m, "min", "number", t);
            onlyFor(m, "max", "number", t);
        }
        if (t != MetricType.BOOLEAN) {
            onlyFor(m, "true_values", "boolean", t);
            onlyFor(m, "false_values", "boolean", t);
            onlyFor(m, "invert", "boolean", t);
        }
        if (t != MetricType.ENUM) {
            onlyFor(m, "values", "enum", t);
        } else if (values.isEmpty() && m.raw("values") == null) {
            m.problem("values", "is required for enum metrics (label: number)");
        }
        if (trueValues.stream().anyMatch(falseValues::contains)) {
            m.problem("false_values", "must not repeat a value of true_values");
        }
        if (min != null && max != null && min >= max) {
            m.problem("max", "must be greater than min (" + min + "), got " + max);
        }
        if (name == null || paths.isEmpty() || m.problems().count() > before) {
            return null;
        }
        return new MetricMapping(name, paths, t, unit, scale == null ? 1.0 : scale, offset == null ? 0.0 : offset,
                min, max, trueValues, falseValues, invert, values);
    }

    private static void onlyFor(ObjectFields m, String key, String typeName, MetricType actual) {
        if (m.has(key)) {
            m.problem(key, "is only allowed for type " + typeName + ", this metric is "
                    + actual.name().toLowerCase(Locale.ROOT));
        }
    }

    private static ValueCondition condition(ObjectFields c) {
        List<PayloadPath> paths = paths(c, "path", true);
        List<String> values = c.optionalStringList("in");
        if (!c.has("in")) {
            c.problem("in", "is required (a list of values)");
        }
        if (paths.size() > 1) {
            c.problem("path", "must be a single path here");
        }
        return paths.size() == 1 && !values.isEmpty() ? new ValueCondition(paths.get(0), values) : null;
    }

    private static Availability availability(ObjectFields a) {
        String topic = a.requiredString("topic");
        if (topic != null) {
            TopicPattern.problem(topic).ifPresent(p -> a.problem("topic", p));
        }
        List<PayloadPath> path = paths(a, "path", false);
        if (path.size() > 1) {
            a.problem("path", "must be a single path here");
        }
        List<String> online = a.optionalStringList("online");
        List<String> offline = a.optionalStringList("offline");
        if (online.isEmpty()) {
            a.problem("online", "is required (the payloads meaning online)");
        }
        if (offline.isEmpty()) {
            a.problem("offline", "is required (the payloads meaning offline)");
        }
        a.finish();
        if (topic == null || TopicPattern.problem(topic).isPresent() || online.isEmpty() || offline.isEmpty()) {
            return null;
        }
        return new Availability(TopicPattern.of(topic), path.isEmpty() ? null : path.get(0), online, offline);
    }

    private static AlertRule rule(ObjectFields r, Map<String, MetricMapping> metrics, Set<String> declared) {
        int before = r.problems().count();
        String id = r.requiredName("id");
        String metricName = r.requiredString("metric");
        MetricMapping metric = metricName == null ? null : metrics.get(metricName);
        // A declared metric with errors of its own has already been reported.
        if (metricName != null && metric == null && !declared.contains(metricName)) {
            r.problem("metric", "is not a metric of this profile: \"" + metricName + "\"; known: " + metrics.keySet());
        }
        AlertCondition condition = r.requiredChoice("condition", CONDITIONS);
        Double threshold = r.optionalNumber("threshold");
        Double clear = r.optionalNumber("clear");
        Duration forDuration = r.optionalDuration("for");
        Duration window = r.optionalDuration("window");
        Severity severity = r.requiredChoice("severity", SEVERITIES);
        String schedule = r.optionalName("schedule");
        String placement = r.optionalName("placement");
        if (condition != null) {
            switch (condition) {
                case ABOVE, BELOW, EQUALS, RATE -> {
                    if (threshold == null && !r.has("threshold")) {
                        r.problem("threshold", "is required for condition " + condition.id());
                    }
                }
                case BOOLEAN_TRUE, NO_DATA -> {
                    if (r.has("threshold")) {
                        r.problem("threshold", "is not allowed for condition " + condition.id());
                    }
                }
            }
            if (r.has("clear") && condition != AlertCondition.ABOVE && condition != AlertCondition.BELOW) {
                r.problem("clear", "is only allowed for conditions above and below");
            }
            if (clear != null && threshold != null) {
                if (condition == AlertCondition.ABOVE && clear > threshold) {
                    r.problem("clear", "must not be above the threshold (" + threshold + ") for condition above, got " + clear);
                }
                if (condition == AlertCondition.BELOW && clear < threshold) {
                    r.problem("clear", "must not be below the threshold (" + threshold + ") for condition below, got " + clear);
                }
            }
            if (condition == AlertCondition.RATE && window == null && !r.has("window")) {
                r.problem("window", "is required for condition rate");
            }
            if (condition != AlertCondition.RATE && r.has("window")) {
                r.problem("window", "is only allowed for condition rate");
            }
            if (condition == AlertCondition.NO_DATA && (forDuration == null || forDuration.isZero()) && !r.has("for")) {
                r.problem("for", "is required for condition no-data (how long without data)");
            }
            if (metric != null && condition == AlertCondition.BOOLEAN_TRUE && metric.type() != MetricType.BOOLEAN) {
                r.problem("condition", "boolean-true needs a boolean metric; '" + metric.name() + "' is "
                        + metric.type().name().toLowerCase(Locale.ROOT));
            }
            if (metric != null && condition == AlertCondition.EQUALS && metric.type() == MetricType.ENUM
                    && threshold != null && !metric.enumValues().containsValue(threshold)) {
                r.problem("threshold", "is not a value of enum metric '" + metric.name() + "' " + metric.enumValues());
            }
        }
        if (r.problems().count() > before || id == null || metric == null || condition == null || severity == null) {
            return null;
        }
        return new AlertRule(id, metricName, condition, threshold, clear,
                forDuration == null ? Duration.ZERO : forDuration, window, severity,
                schedule == null ? "always" : schedule, placement);
    }
}
