package org.carewatch.core.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts credentials at rest (camera passwords, webhook secrets) with AES-256-GCM. The key lives in a
 * file outside the database (created with mode 600 on first use), so a database dump alone reveals no
 * camera password or webhook secret. Each kind of secret is bound to its purpose (the GCM associated
 * data), so a value sealed for one purpose does not open as another: see {@link #forPurpose(String)}.
 * Layout of a sealed value: version byte, 12-byte nonce, ciphertext with 16-byte tag.
 */
public final class CredentialCipher {
    private static final byte VERSION = 1;
    private static final byte[] CAMERA_AAD = "carewatch.camera-credential".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final byte[] aad;

    private CredentialCipher(SecretKeySpec key, byte[] aad) {
        this.key = key;
        this.aad = aad;
    }

    private CredentialCipher(byte[] key) {
        this(new SecretKeySpec(key, "AES"), CAMERA_AAD);
    }

    /**
     * The same key bound to another purpose (e.g. {@code webhook-secret}): values it seals open only
     * through a cipher of the same purpose. The cipher from {@link #fromKeyFile} is the camera one.
     */
    public CredentialCipher forPurpose(String purpose) {
        if (purpose == null || !purpose.matches("[a-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("purpose must be 1-64 of a-z, 0-9 and '-'");
        }
        return new CredentialCipher(key, ("carewatch." + purpose).getBytes(StandardCharsets.US_ASCII));
    }

    public static CredentialCipher fromKeyFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] k = new byte[32];
            RANDOM.nextBytes(k);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(file, k);
            } catch (FileAlreadyExistsException raced) {
                // another process created it first: use theirs
            }
        }
        byte[] k = Files.readAllBytes(file);
        if (k.length != 32) {
            throw new IOException("credential key file " + file + " must hold exactly 32 bytes, has " + k.length);
        }
        return new CredentialCipher(k);
    }

    public byte[] seal(String secret) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            c.updateAAD(aad);
            byte[] ct = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + nonce.length + ct.length).put(VERSION).put(nonce).put(ct).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** @throws IllegalArgumentException when the value was not sealed with this key or was altered */
    public String open(byte[] sealed) {
        if (sealed == null || sealed.length < 1 + 12 + 16 || sealed[0] != VERSION) {
            throw new IllegalArgumentException("not a sealed credential");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 1, 12));
            c.updateAAD(aad);
            return new String(c.doFinal(sealed, 13, sealed.length - 13), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("credential cannot be decrypted with this key (wrong key or altered value)");
        }
    }
}
