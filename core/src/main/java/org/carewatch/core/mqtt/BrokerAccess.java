package org.carewatch.core.mqtt;

import java.util.List;

/**
 * Who may connect to the embedded broker and what each connection may do, decided once per CONNECT (the
 * broker then checks every publish against the grant in memory: no lookup per message).
 */
@FunctionalInterface
public interface BrokerAccess {
    /**
     * No authentication at all: only for a test broker standing in for an anonymous external broker (the
     * machine's Mosquitto in CI). CareWatch's own embedded broker never runs open.
     */
    BrokerAccess OPEN = (clientId, username, password) -> Grant.everything("anonymous");

    /**
     * Decides one connection attempt. May block (database, hashing): the broker calls it off its event loops.
     *
     * @param username null when the client sent none
     * @param password null when the client sent none
     */
    Grant authenticate(String clientId, String username, byte[] password) throws Exception;

    /**
     * What a connection may do.
     *
     * @param allowed    false: the connection is refused, {@code refusal} says why (for the broker's log)
     * @param everything publish and subscribe anywhere (CareWatch's own sessions)
     * @param publish    topic filters the client may publish to (a device's own topics)
     * @param identity   who connected, for logs (a username, never a password)
     * @param badLogin   refused for its credentials (not for its client id)
     */
    record Grant(boolean allowed, boolean everything, List<String> publish, String identity, String refusal, boolean badLogin) {
        public Grant {
            publish = publish == null ? List.of() : List.copyOf(publish);
        }

        public static Grant everything(String identity) {
            return new Grant(true, true, List.of(), identity, null, false);
        }

        public static Grant publishOnly(String identity, List<String> topics) {
            return new Grant(true, false, topics, identity, null, false);
        }

        public static Grant badLogin(String why) {
            return new Grant(false, false, List.of(), null, why, true);
        }

        public static Grant notAuthorized(String why) {
            return new Grant(false, false, List.of(), null, why, false);
        }
    }
}
