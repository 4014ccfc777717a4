package org.carewatch.core.mqtt;

import java.util.List;

/**
 * Mosquitto's password file ({@code password_file}: {@code username:$7$...} a line) and ACL file
 * ({@code acl_file}) for CareWatch's accounts: its own login reads and writes everything (its sessions
 * subscribe to every sensor topic, shared subscriptions included); each device may publish to its own topics
 * and nothing else. Mosquitto denies whatever an ACL file does not allow, and re-reads both files on SIGHUP.
 */
public final class MosquittoFiles {
    /**
     * One login.
     *
     * @param passwordHash a {@code $7$} hash ({@link MqttPasswords})
     * @param everything   read and write every topic (CareWatch itself)
     * @param publish      topic filters the login may publish to
     */
    public record Account(String username, String passwordHash, boolean everything, List<String> publish) {
        public Account {
            if (username == null || username.isEmpty() || username.contains(":") || username.chars().anyMatch(c -> c <= ' ')) {
                throw new IllegalArgumentException("MQTT username '" + username + "' cannot be written to a Mosquitto password file"
                        + " (no ':', spaces or control characters)");
            }
            if (passwordHash == null || !passwordHash.startsWith(MqttPasswords.PREFIX)) {
                throw new IllegalArgumentException("the password of MQTT user " + username + " is not a $7$ hash");
            }
            publish = publish == null ? List.of() : List.copyOf(publish);
            for (String t : publish) {
                if (t.isEmpty() || t.chars().anyMatch(Character::isISOControl)) {
                    throw new IllegalArgumentException("topic '" + t + "' of MQTT user " + username + " cannot be written to an ACL file");
                }
            }
        }
    }

    private MosquittoFiles() {
    }

    public static String passwordFile(List<Account> accounts) {
        StringBuilder sb = new StringBuilder();
        for (Account a : accounts) {
            sb.append(a.username()).append(':').append(a.passwordHash()).append('\n');
        }
        return sb.toString();
    }

    public static String aclFile(List<Account> accounts) {
        StringBuilder sb = new StringBuilder("# Written by `carewatch mqtt acl` from the sensor registry; do not edit (it is rewritten).\n"
                + "# Anything not allowed here is denied.\n");
        for (Account a : accounts) {
            sb.append('\n').append("user ").append(a.username()).append('\n');
            if (a.everything()) {
                sb.append("topic readwrite #\n");
            }
            for (String t : a.publish()) {
                sb.append("topic write ").append(t).append('\n');
            }
        }
        return sb.toString();
    }
}
