package org.carewatch.ui.officer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.carewatch.core.readings.ReadingQueries;

/**
 * A sensor's last hours as the visit page's chart reads them (uPlot's columns): {@code {"t":[epoch seconds],
 * "s":[{"name":metric,"v":[values or null]}]}}, at most two metrics, or null when there is too little to draw.
 */
final class Charts {
    private static final int MAX_SERIES = 2;

    private Charts() {
    }

    static String json(ReadingQueries.Series series) {
        if (series == null || series.points().size() < 2) {
            return null;
        }
        TreeSet<Long> times = new TreeSet<>();
        Map<String, Map<Long, Double>> byMetric = new LinkedHashMap<>();
        for (ReadingQueries.Point p : series.points()) {
            if (!byMetric.containsKey(p.metric()) && byMetric.size() >= MAX_SERIES) {
                continue;
            }
            long t = p.time().getEpochSecond();
            times.add(t);
            byMetric.computeIfAbsent(p.metric(), k -> new LinkedHashMap<>()).put(t, p.value());
        }
        if (times.size() < 2) {
            return null;
        }
        StringBuilder out = new StringBuilder("{\"t\":[");
        List<Long> ts = new ArrayList<>(times);
        for (int i = 0; i < ts.size(); i++) {
            out.append(i == 0 ? "" : ",").append(ts.get(i));
        }
        out.append("],\"s\":[");
        boolean first = true;
        for (var e : byMetric.entrySet()) {
            out.append(first ? "" : ",").append("{\"name\":\"").append(e.getKey().replaceAll("[^A-Za-z0-9_.-]", "")).append("\",\"v\":[");
            first = false;
            for (int i = 0; i < ts.size(); i++) {
                Double v = e.getValue().get(ts.get(i));
                out.append(i == 0 ? "" : ",").append(v == null || v.isNaN() || v.isInfinite() ? "null" : String.format(Locale.ROOT, "%.2f", v));
            }
            out.append("]}");
        }
        return out.append("]}").toString();
    }
}
