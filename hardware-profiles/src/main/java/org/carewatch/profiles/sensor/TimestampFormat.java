package org.carewatch.profiles.sensor;

/**
 * How a payload timestamp is written. {@code AUTO}: numbers are epoch seconds (or milliseconds when above
 * 10^11), strings are ISO-8601 with an offset. Text without an offset (device local time, as Tasmota
 * sends) cannot be placed on the time line, so the receive time is used instead.
 */
public enum TimestampFormat {
    AUTO, ISO, EPOCH_SECONDS, EPOCH_MILLIS
}
