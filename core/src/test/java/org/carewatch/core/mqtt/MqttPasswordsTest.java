package org.carewatch.core.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MQTT password hashes are Mosquitto's {@code $7$} PBKDF2-SHA512 form, both ways. */
class MqttPasswordsTest {
    /** Written by {@code mosquitto_passwd -b FILE u1 secret} (Mosquitto 2.0.11). */
    static final String FROM_MOSQUITTO_PASSWD =
            "$7$101$dnLv+LZGepC3jpVX$smrqtHF9LNMDHeiiAompsjmoh0PeLoTs327WW74fXcHMhQQ9JXDuzatKRZSSroY/iFZeCV1LaHzpLCNAk7ep7Q==";

    @Test
    void aHashWrittenByMosquittoPasswdIsChecked() {
        assertThat(MqttPasswords.matches("secret", FROM_MOSQUITTO_PASSWD)).isTrue();
        assertThat(MqttPasswords.matches("Secret", FROM_MOSQUITTO_PASSWD)).isFalse();
    }

    @Test
    void ourHashesHaveMosquittosShapeAndCheck() {
        String pw = MqttPasswords.generate();
        assertThat(pw).matches("[A-Za-z0-9_-]{24}");
        assertThat(MqttPasswords.generate()).isNotEqualTo(pw);
        String h = MqttPasswords.hash(pw);
        assertThat(h).matches("\\$7\\$" + MqttPasswords.ITERATIONS + "\\$[A-Za-z0-9+/]{16}\\$[A-Za-z0-9+/]{86}==");
        assertThat(MqttPasswords.hash(pw)).as("salted").isNotEqualTo(h);
        assertThat(MqttPasswords.matches(pw, h)).isTrue();
        assertThat(MqttPasswords.matches(pw + "x", h)).isFalse();
        assertThat(MqttPasswords.matches("", h)).isFalse();
        assertThat(MqttPasswords.matches(null, h)).isFalse();
        assertThat(MqttPasswords.matches("密码-ünicode", MqttPasswords.hash("密码-ünicode"))).isTrue();
    }

    @Test
    void malformedHashesNeverMatch() {
        for (String bad : List.of("", "$6$abc$def", "$7$", "$7$x$AAAA$AAAA", "$7$101$!!$AAAA", "$7$0$dnLv+LZGepC3jpVX$AAAA",
                "$7$101$dnLv+LZGepC3jpVX$AAAA", "$argon2id$v=19$m=19456,t=2,p=1$abc$def")) {
            assertThat(MqttPasswords.matches("secret", bad)).as(bad).isFalse();
        }
    }

    @Test
    void mosquittoPasswdChecksOurHashes(@TempDir Path dir) throws Exception {
        Path tool = Path.of("/usr/bin/mosquitto_passwd");
        assumeThat(Files.isExecutable(tool)).as("mosquitto_passwd installed").isTrue();
        // mosquitto_passwd has no "check" mode: it hashes a password and we check its hash (a real Mosquitto
        // checking our hashes is ExternalBrokerIT's part).
        Path file = dir.resolve("pw");
        Process p = new ProcessBuilder(tool.toString(), "-c", "-b", file.toString(), "dev", "p@ss:word").redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        String line = Files.readString(file).strip();
        assertThat(line).startsWith("dev:$7$");
        assertThat(MqttPasswords.matches("p@ss:word", line.substring("dev:".length()))).isTrue();
    }
}
