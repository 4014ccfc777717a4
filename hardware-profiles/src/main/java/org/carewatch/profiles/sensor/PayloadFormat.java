package org.carewatch.profiles.sensor;

/** How a payload is read: JSON (any JSON value), or UTF-8 text taken as one string value at path "". */
public enum PayloadFormat {
    JSON, TEXT
}
