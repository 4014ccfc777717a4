package org.carewatch.alerts.notify;

/** A webhook target; {@code districtId} null receives every district's notices. */
public record Webhook(long id, Long districtId, String url, String secret) {
    @Override
    public String toString() {
        return "Webhook[id=" + id + ", districtId=" + districtId + ", url=" + url + "]";
    }
}
