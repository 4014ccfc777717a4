package org.carewatch.ingest.rtsp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** Digest access authentication hash algorithms (RFC 7616 §3.2), with the {@code -sess} variants. */
public enum DigestAlgorithm {
    MD5("MD5", "MD5", false),
    MD5_SESS("MD5-sess", "MD5", true),
    SHA_256("SHA-256", "SHA-256", false),
    SHA_256_SESS("SHA-256-sess", "SHA-256", true);

    private final String token;
    private final String jcaName;
    private final boolean session;

    DigestAlgorithm(String token, String jcaName, boolean session) {
        this.token = token;
        this.jcaName = jcaName;
        this.session = session;
    }

    /** The name as it appears in the {@code algorithm=} parameter. */
    public String token() {
        return token;
    }

    public boolean session() {
        return session;
    }

    /** No {@code algorithm} parameter means MD5 (RFC 2617). Unknown algorithms give empty. */
    public static Optional<DigestAlgorithm> fromToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.of(MD5);
        }
        for (DigestAlgorithm a : values()) {
            if (a.token.toLowerCase(Locale.ROOT).equals(token.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Lower-case hex of the hash of the UTF-8 bytes of {@code s}. */
    public String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(jcaName).digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without " + jcaName, e);
        }
    }

    /**
     * The {@code response} value for a request (RFC 7616 §3.4.1). With {@code qop} null the RFC 2069
     * form {@code H(HA1:nonce:HA2)} is used and {@code nc}/{@code cnonce} are ignored (except for -sess).
     */
    public String response(String user, String realm, String password, String method, String uri,
                           String nonce, String qop, String nc, String cnonce) {
        String ha1 = hash(user + ":" + realm + ":" + password);
        if (session) {
            ha1 = hash(ha1 + ":" + nonce + ":" + cnonce);
        }
        String ha2 = hash(method + ":" + uri);
        if (qop == null) {
            return hash(ha1 + ":" + nonce + ":" + ha2);
        }
        return hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }
}
