package org.carewatch.profiles.sensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one metric is read from a payload.
 *
 * @param paths       where to look, first present wins (null, missing and "" count as absent)
 * @param unit        unit of the reading after scaling, null for unitless booleans and enums
 * @param scale       factor applied to numbers (reading = raw * scale + offset)
 * @param offset      added after scaling
 * @param min         lowest physically possible value after scaling (null: unbounded); lower is rejected
 * @param max         highest physically possible value after scaling (null: unbounded); higher is rejected
 * @param trueValues  extra text values meaning true for booleans (JSON true/false always work), e.g. "ON"
 * @param falseValues extra text values meaning false, e.g. "OFF"
 * @param invert      for booleans: report the opposite (Zigbee2MQTT {@code contact: false} means open)
 * @param enumValues  for enums: label to number
 */
public record MetricMapping(
        String name,
        List<PayloadPath> paths,
        MetricType type,
        String unit,
        double scale,
        double offset,
        Double min,
        Double max,
        List<String> trueValues,
        List<String> falseValues,
        boolean invert,
        Map<String, Double> enumValues) {

    public MetricMapping {
        paths = List.copyOf(paths);
        trueValues = List.copyOf(trueValues);
        falseValues = List.copyOf(falseValues);
        enumValues = Collections.unmodifiableMap(new LinkedHashMap<>(enumValues));
    }
}
