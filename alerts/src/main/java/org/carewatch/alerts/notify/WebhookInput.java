package org.carewatch.alerts.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.carewatch.core.errors.InvalidInputException;

/**
 * A webhook as a caller sends it to {@link WebhookAdmin#create} (url and secret required) or
 * {@link WebhookAdmin#update} (any subset; null keeps the value). The secret is write-only and never
 * echoed, not even in an error.
 */
public record WebhookInput(String url, String secret, Boolean active, Long districtId) {
    static final int MAX_URL = 2000;
    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 256;

    @Override
    public String toString() {
        return "WebhookInput[url=" + url + ", active=" + active + ", districtId=" + districtId + "]";
    }

    /** The URL stripped, or null when absent and not required; an http(s) URL with a host and no credentials. */
    String checkedUrl(boolean required) {
        if (url == null) {
            if (required) {
                throw new InvalidInputException("url", "is required");
            }
            return null;
        }
        String u = url.strip();
        if (u.isEmpty() || u.length() > MAX_URL || u.chars().anyMatch(ch -> ch <= 0x20 || ch == 0x7f)) {
            throw new InvalidInputException("url", "must be an http or https URL of at most " + MAX_URL
                    + " characters without spaces or control characters");
        }
        URI uri;
        try {
            uri = new URI(u);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("url", "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidInputException("url", "must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidInputException("url", "must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidInputException("url", "must not carry credentials; the secret signs each delivery");
        }
        return u;
    }

    /** The secret, or null when absent and not required. */
    String checkedSecret(boolean required) {
        if (secret == null) {
            if (required) {
                throw new InvalidInputException("secret", "is required (at least " + MIN_SECRET + " characters)");
            }
            return null;
        }
        if (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET || secret.chars().anyMatch(Character::isISOControl)) {
            // Never echo the secret.
            throw new InvalidInputException("secret", "must be " + MIN_SECRET + " to " + MAX_SECRET + " characters without control characters");
        }
        return secret;
    }
}
