package org.carewatch.alerts.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** {@code X-CareWatch-Signature: sha256=HEX(HMAC-SHA256(secret, body))}, as receivers verify it. */
public final class WebhookSignature {
    public static final String HEADER = "X-CareWatch-Signature";

    private WebhookSignature() {
    }

    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * What the API shows instead of a secret: 16 hex digits of HMAC-SHA256(secret, "carewatch-webhook-fingerprint").
     * A receiver can compute it to check which secret is configured; it does not reveal the secret.
     */
    public static String fingerprint(String secret) {
        return sign(secret, "carewatch-webhook-fingerprint".getBytes(StandardCharsets.US_ASCII)).substring(7, 7 + 16);
    }

    /** Constant-time comparison of a received header with the expected signature. */
    public static boolean verify(String secret, byte[] body, String header) {
        if (header == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, body).getBytes(StandardCharsets.US_ASCII), header.getBytes(StandardCharsets.US_ASCII));
    }
}
