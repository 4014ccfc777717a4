package org.carewatch.profiles.sensor;

/** How a payload value becomes a reading: a number (scaled), a boolean (1.0/0.0) or an enum label (mapped). */
public enum MetricType {
    NUMBER, BOOLEAN, ENUM
}
