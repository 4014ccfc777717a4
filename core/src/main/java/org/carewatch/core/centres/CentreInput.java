package org.carewatch.core.centres;

import java.time.LocalTime;
import java.util.List;
import org.carewatch.core.errors.InvalidInputException;

/**
 * The writable fields of a centre as a client sends them. On create every required field must be present;
 * on update absent (null) fields keep their value and {@code version} must match the stored one.
 */
public record CentreInput(
        Long districtId,
        String code,
        String name,
        CentreKind kind,
        String address,
        Integer capacity,
        String contactName,
        String contactPhone,
        List<Integer> openDays,
        LocalTime opensAt,
        LocalTime closesAt,
        LocalTime napStartsAt,
        LocalTime napEndsAt,
        Boolean holdCameras,
        Boolean active,
        Integer version) {

    public void validateForCreate() {
        require("code", code);
        require("name", name);
        validateValues();
    }

    public void validateForUpdate() {
        if (version == null) {
            throw new InvalidInputException("version", "is required: send the version you read, so concurrent edits are not lost");
        }
        if (districtId != null) {
            throw new InvalidInputException("districtId", "cannot be changed");
        }
        validateValues();
    }

    private void validateValues() {
        if (code != null && !code.matches("[A-Za-z0-9_-]{1,32}")) {
            throw new InvalidInputException("code", "must be 1-32 letters, digits, '_' or '-'");
        }
        if (name != null && (name.isBlank() || name.length() > 200)) {
            throw new InvalidInputException("name", "must be 1-200 characters");
        }
        if (address != null && address.length() > 500) {
            throw new InvalidInputException("address", "must be at most 500 characters");
        }
        if (capacity != null && (capacity < 0 || capacity > 10_000)) {
            throw new InvalidInputException("capacity", "must be between 0 and 10000");
        }
        if (contactPhone != null && !contactPhone.matches("[0-9+() -]{0,32}")) {
            throw new InvalidInputException("contactPhone", "must be a phone number (digits, spaces, + - ( ))");
        }
        if (contactName != null && contactName.length() > 100) {
            throw new InvalidInputException("contactName", "must be at most 100 characters");
        }
        if (openDays != null && (openDays.isEmpty() || openDays.stream().anyMatch(d -> d == null || d < 1 || d > 7)
                || openDays.stream().distinct().count() != openDays.size())) {
            throw new InvalidInputException("openDays", "must list distinct ISO day numbers 1 (Monday) to 7 (Sunday)");
        }
    }

    /** Checks the hours after merging with the stored values (an update may change only one end). */
    public static void validateHours(LocalTime opens, LocalTime closes, LocalTime napStart, LocalTime napEnd) {
        if (!closes.isAfter(opens)) {
            throw new InvalidInputException("closesAt", "must be after opensAt");
        }
        if ((napStart == null) != (napEnd == null)) {
            throw new InvalidInputException(napStart == null ? "napStartsAt" : "napEndsAt", "nap window needs both start and end");
        }
        if (napStart != null && (!napEnd.isAfter(napStart) || napStart.isBefore(opens) || napEnd.isAfter(closes))) {
            throw new InvalidInputException("napStartsAt", "nap window must lie within opening hours and end after it starts");
        }
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
    }
}
