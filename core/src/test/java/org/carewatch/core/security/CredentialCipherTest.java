package org.carewatch.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialCipherTest {
    @TempDir
    Path dir;

    @Test
    void sealsAndOpensWithTheSameKeyFile() throws Exception {
        Path key = dir.resolve("k/credential.key");
        CredentialCipher a = CredentialCipher.fromKeyFile(key);
        byte[] sealed = a.seal("p@ss:w/ord%密码");
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("p@ss");
        assertThat(CredentialCipher.fromKeyFile(key).open(sealed)).isEqualTo("p@ss:w/ord%密码");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    @Test
    void alteredOrForeignValuesAreRefused() throws Exception {
        CredentialCipher a = CredentialCipher.fromKeyFile(dir.resolve("a.key"));
        CredentialCipher b = CredentialCipher.fromKeyFile(dir.resolve("b.key"));
        byte[] sealed = a.seal("secret");
        assertThatThrownBy(() -> b.open(sealed)).isInstanceOf(IllegalArgumentException.class);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> a.open(sealed)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.open(new byte[] {1, 2})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aValueSealedForOnePurposeDoesNotOpenAsAnother() throws Exception {
        CredentialCipher cameras = CredentialCipher.fromKeyFile(dir.resolve("p.key"));
        CredentialCipher webhooks = cameras.forPurpose("webhook-secret");
        byte[] sealed = webhooks.seal("0123456789abcdef");
        assertThat(CredentialCipher.fromKeyFile(dir.resolve("p.key")).forPurpose("webhook-secret").open(sealed)).isEqualTo("0123456789abcdef");
        assertThatThrownBy(() -> cameras.open(sealed)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> webhooks.open(cameras.seal("camera-pass"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cameras.forPurpose("Bad Purpose")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void truncatedKeyFileIsRefused() throws Exception {
        Path key = dir.resolve("short.key");
        Files.write(key, new byte[7]);
        assertThatThrownBy(() -> CredentialCipher.fromKeyFile(key)).hasMessageContaining("32 bytes");
    }
}
