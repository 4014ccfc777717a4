package org.carewatch.profiles.camera;

import java.util.Objects;

/**
 * A camera login. {@link #toString()} masks the password so a credential never reaches a log by accident.
 * A null or empty user means the profile's default user (e.g. {@code admin} on EZVIZ).
 */
public record Credentials(String user, String password) {

    public Credentials {
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=****]";
    }
}
