package org.carewatch.core.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The two files `carewatch mqtt acl` writes, line by line. */
class MosquittoFilesTest {
    static final String H = MqttPasswords.hash("pw");

    @Test
    void passwordFileHasOneLoginALine() {
        var accounts = List.of(new MosquittoFiles.Account("carewatch", H, true, List.of()),
                new MosquittoFiles.Account("sensor-7", H, false, List.of("zigbee2mqtt/A1.fridge", "zigbee2mqtt/A1.fridge/availability")));
        assertThat(MosquittoFiles.passwordFile(accounts)).isEqualTo("carewatch:" + H + "\nsensor-7:" + H + "\n");
    }

    @Test
    void aclLetsCareWatchDoEverythingAndDevicesWriteTheirOwnTopicsOnly() {
        var accounts = List.of(new MosquittoFiles.Account("carewatch", H, true, List.of()),
                new MosquittoFiles.Account("sensor-7", H, false, List.of("zigbee2mqtt/A1.fridge", "zigbee2mqtt/A1.fridge/availability")),
                new MosquittoFiles.Account("sensor-8", H, false, List.of("shellies/A2.plug/status/+")));
        String acl = MosquittoFiles.aclFile(accounts);
        assertThat(acl).contains("""

                user carewatch
                topic readwrite #

                user sensor-7
                topic write zigbee2mqtt/A1.fridge
                topic write zigbee2mqtt/A1.fridge/availability

                user sensor-8
                topic write shellies/A2.plug/status/+
                """);
        assertThat(acl.lines().filter(l -> l.startsWith("topic")).toList())
                .as("devices get no read access").noneMatch(l -> l.startsWith("topic read ") || (l.contains("readwrite") && !l.equals("topic readwrite #")));
        assertThat(acl.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))).allMatch(l -> l.startsWith("user ") || l.startsWith("topic "));
    }

    @Test
    void whatCannotBeWrittenSafelyIsRefused() {
        assertThatThrownBy(() -> new MosquittoFiles.Account("a:b", H, false, List.of())).hasMessageContaining("':'");
        assertThatThrownBy(() -> new MosquittoFiles.Account("a b", H, false, List.of())).hasMessageContaining("spaces");
        assertThatThrownBy(() -> new MosquittoFiles.Account("a", "plain", false, List.of())).hasMessageContaining("$7$");
        assertThatThrownBy(() -> new MosquittoFiles.Account("a", H, false, List.of("x\ntopic readwrite #"))).hasMessageContaining("ACL");
    }
}
