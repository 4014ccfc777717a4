package org.carewatch.ui.webhooks;

/**
 * The body of {@code POST /api/v1/webhooks} (url and secret required) and {@code PATCH .../{id}}
 * (any subset; omitted or null keeps the value). The secret is write-only.
 */
public record WebhookBody(String url, String secret, Boolean active, Long districtId) {
    @Override
    public String toString() {
        return "WebhookBody[url=" + url + ", active=" + active + ", districtId=" + districtId + "]";
    }
}
