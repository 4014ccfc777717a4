package org.carewatch.core.config;

import org.carewatch.core.net.Cidr;

/**
 * The outbound policy (see the {@code outbound} section of {@code defaults.yaml}): which addresses camera
 * connections and webhook deliveries may reach. Link-local, metadata, unspecified and multicast addresses
 * are always refused; loopback and private ranges per target.
 */
public record OutboundConfig(Rules cameras, Rules webhooks) {

    public OutboundConfig {
        if (cameras == null || webhooks == null) {
            throw new ConfigException("outbound", "cameras and webhooks must be present");
        }
        cameras.check("outbound.cameras");
        webhooks.check("outbound.webhooks");
    }

    /**
     * @param allowPrivate  private ranges (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7) may be reached
     * @param allowLoopback loopback (127/8, ::1) may be reached: only for a demo or a test
     * @param allow         comma-separated addresses or ranges allowed even when loopback or private
     * @param deny          comma-separated addresses or ranges always refused
     */
    public record Rules(boolean allowPrivate, boolean allowLoopback, String allow, String deny) {
        public Rules {
            allow = allow == null ? "" : allow;
            deny = deny == null ? "" : deny;
        }

        void check(String key) {
            try {
                Cidr.parseList(allow);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key + ".allow", e.getMessage());
            }
            try {
                Cidr.parseList(deny);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key + ".deny", e.getMessage());
            }
        }

        public Rules withAllowLoopback(boolean b) {
            return new Rules(allowPrivate, b, allow, deny);
        }
    }

    public OutboundConfig withCameras(Rules r) {
        return new OutboundConfig(r, webhooks);
    }

    public OutboundConfig withWebhooks(Rules r) {
        return new OutboundConfig(cameras, r);
    }
}
