package org.carewatch.profiles.catalog;

/**
 * One problem in a catalogue: the file (relative to the catalogue folder, e.g.
 * {@code sensors/tasmota-sensor.yaml}), the field path (null when it concerns the whole file) and what is wrong.
 */
public record CheckError(String file, String field, String message) {

    /** {@code FILE: field 'X': message}, or {@code FILE: message} without a field. */
    public String line() {
        return field == null || field.isEmpty() ? file + ": " + message : file + ": field '" + field + "': " + message;
    }

    @Override
    public String toString() {
        return line();
    }
}
