package org.carewatch.patrol.draw;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.carewatch.core.errors.InvalidInputException;

/**
 * The 256-bit secret a draw is keyed by. Before the draw only its commitment (SHA-256 of the 32 bytes, hex)
 * is shown; the seed itself is revealed when the day starts.
 */
public record Seed(byte[] bytes) {
    public static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    public Seed {
        if (bytes == null || bytes.length != BYTES) {
            throw new IllegalArgumentException("a seed is exactly 32 bytes");
        }
        bytes = bytes.clone();
    }

    public static Seed random() {
        byte[] b = new byte[BYTES];
        RANDOM.nextBytes(b);
        return new Seed(b);
    }

    /** Parses 64 hex digits; {@code field} names the request field in the error. */
    public static Seed parseHex(String hex, String field) {
        if (hex == null || !hex.matches("[0-9a-fA-F]{64}")) {
            throw new InvalidInputException(field, "must be 64 hexadecimal digits (a 256-bit seed)");
        }
        return new Seed(HexFormat.of().parseHex(hex));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** SHA-256 of the seed's 32 bytes, lower-case hex: published before the draw. */
    public String commitment() {
        return Digests.sha256Hex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Seed s && java.util.Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Seed[commitment=" + commitment() + "]";
    }
}
