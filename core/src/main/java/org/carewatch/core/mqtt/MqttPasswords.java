package org.carewatch.core.mqtt;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * MQTT passwords: generated at random and kept as PBKDF2-HMAC-SHA512 hashes in Mosquitto's password-file
 * form ({@code $7$ITERATIONS$SALT$HASH}, salt and hash in standard Base64), so one stored hash serves the
 * embedded broker and a Mosquitto password file alike. Not Argon2 (the user passwords' hash), because
 * Mosquitto reads only this form; the generated passwords carry 144 random bits, so the hash need not slow
 * guessing down much and a reconnect storm of devices costs little CPU.
 */
public final class MqttPasswords {
    /** Mosquitto's prefix for PBKDF2-SHA512 hashes. */
    static final String PREFIX = "$7$";
    static final int ITERATIONS = 1000;
    private static final int SALT_BYTES = 12;
    private static final int HASH_BYTES = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private MqttPasswords() {
    }

    /** A new random password: 18 random bytes, URL-safe Base64 (24 characters, nothing to quote). */
    public static String generate() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return format(ITERATIONS, salt, pbkdf2(password, salt, ITERATIONS));
    }

    /** Whether {@code password} matches a {@code $7$} hash; false for anything malformed. Constant time in the hash bytes. */
    public static boolean matches(String password, String hash) {
        if (password == null || hash == null || !hash.startsWith(PREFIX)) {
            return false;
        }
        String[] parts = hash.substring(PREFIX.length()).split("\\$", -1);
        if (parts.length != 3) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[0]);
            if (iterations < 1 || iterations > 1_000_000) {
                return false;
            }
            byte[] salt = Base64.getDecoder().decode(parts[1]);
            byte[] expected = Base64.getDecoder().decode(parts[2]);
            if (salt.length == 0 || expected.length != HASH_BYTES) {
                return false;
            }
            return MessageDigest.isEqual(expected, pbkdf2(password, salt, iterations));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    static String format(int iterations, byte[] salt, byte[] hash) {
        Base64.Encoder b64 = Base64.getEncoder();
        return PREFIX + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        // Mosquitto hashes the password's bytes as given (UTF-8 in practice); PBEKeySpec takes chars and
        // SunJCE's PBKDF2 encodes them as UTF-8.
        char[] chars = new String(password.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).toCharArray();
        try {
            SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512");
            return f.generateSecret(new PBEKeySpec(chars, salt, iterations, HASH_BYTES * 8)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is missing from this JDK", e);
        }
    }
}
