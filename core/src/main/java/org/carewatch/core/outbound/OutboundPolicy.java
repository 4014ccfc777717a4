package org.carewatch.core.outbound;

import org.carewatch.core.net.Cidr;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.carewatch.core.config.OutboundConfig;
import org.carewatch.core.errors.InvalidInputException;

/**
 * The one rule for every connection CareWatch makes to an address someone typed in (camera hosts, webhook
 * URLs). A host name is resolved and <em>every</em> address it resolves to is checked; the caller then
 * connects to the checked addresses only ({@link #resolve}), on every connection, so a name that later
 * resolves elsewhere (DNS rebinding) is checked again. Always refused: unspecified, link-local (169.254/16,
 * fe80::/10), the cloud metadata addresses and names, multicast and reserved addresses. Loopback and the
 * private ranges are refused unless the target's rules allow them ({@code outbound.cameras},
 * {@code outbound.webhooks}).
 */
public final class OutboundPolicy {
    private static final Set<String> METADATA_NAMES = Set.of("metadata", "metadata.google.internal", "metadata.goog",
            "instance-data", "instance-data.ec2.internal", "metadata.tencentyun.com", "metadata.azure.internal");
    private static final List<Cidr> METADATA = List.of(Cidr.parse("169.254.169.254"), Cidr.parse("169.254.170.2"),
            Cidr.parse("fd00:ec2::254"), Cidr.parse("100.100.100.200"), Cidr.parse("192.0.0.192"));
    private static final List<Cidr> ALWAYS_REFUSED = List.of(Cidr.parse("0.0.0.0/8"), Cidr.parse("169.254.0.0/16"),
            Cidr.parse("224.0.0.0/4"), Cidr.parse("240.0.0.0/4"), Cidr.parse("::/128"), Cidr.parse("fe80::/10"),
            Cidr.parse("ff00::/8"));
    private static final List<Cidr> LOOPBACK = List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128"));
    private static final List<Cidr> PRIVATE = List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.168.0.0/16"), Cidr.parse("100.64.0.0/10"), Cidr.parse("198.18.0.0/15"), Cidr.parse("fc00::/7"),
            Cidr.parse("fec0::/10"));
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    /** Resolves host names; the system resolver unless a test puts another in. */
    @FunctionalInterface
    public interface NameResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private record Rules(boolean allowPrivate, boolean allowLoopback, List<Cidr> allow, List<Cidr> deny) {
    }

    private final Map<OutboundTarget, Rules> rules = new EnumMap<>(OutboundTarget.class);
    private final NameResolver names;

    public OutboundPolicy(OutboundConfig cfg) {
        this(cfg, InetAddress::getAllByName);
    }

    public OutboundPolicy(OutboundConfig cfg, NameResolver names) {
        rules.put(OutboundTarget.CAMERA, rules(cfg.cameras()));
        rules.put(OutboundTarget.WEBHOOK, rules(cfg.webhooks()));
        this.names = names;
    }

    private static Rules rules(OutboundConfig.Rules r) {
        return new Rules(r.allowPrivate(), r.allowLoopback(), Cidr.parseList(r.allow()), Cidr.parseList(r.deny()));
    }

    /**
     * The addresses to connect to for {@code host}, every one of them allowed; {@link OutboundRefusedException}
     * when the name or any address it resolves to is not. Blocking (DNS): never on an event loop.
     */
    public List<InetAddress> resolve(OutboundTarget target, String host) throws UnknownHostException {
        String h = bare(host);
        refuseMetadataName(h);
        InetAddress[] all = names.resolve(h);
        if (all == null || all.length == 0) {
            throw new UnknownHostException(h);
        }
        for (InetAddress a : all) {
            check(target, h, a);
        }
        return List.of(all);
    }

    /** Refuses one address (already resolved) that the target's rules do not allow. */
    public void check(OutboundTarget target, String host, InetAddress address) {
        String why = refusal(target, address);
        if (why != null) {
            throw new OutboundRefusedException(host, why);
        }
    }

    /**
     * For a registration or change (a camera host, a webhook URL): {@link InvalidInputException} naming
     * {@code field} when the host is refused. A name that does not resolve now is accepted: it is checked again,
     * like every host, when a connection is made.
     */
    public void checkRegistration(OutboundTarget target, String host, String field) {
        try {
            resolve(target, host);
        } catch (OutboundRefusedException e) {
            throw new InvalidInputException(field, "is not allowed: " + e.getMessage());
        } catch (UnknownHostException e) {
            // checked at connection time
        }
    }

    /** Why the target may not reach the address, in general terms; null when it may. */
    public String refusal(OutboundTarget target, InetAddress address) {
        Rules r = rules.get(target);
        InetAddress a = embeddedIpv4(address);
        if (in(r.deny(), a) || (a != address && in(r.deny(), address))) {
            return "the address is in the configured deny list (outbound." + target.key() + ".deny)";
        }
        if (in(METADATA, address) || in(METADATA, a)) {
            return "cloud metadata addresses are never reached";
        }
        if (in(ALWAYS_REFUSED, a) || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isMulticastAddress()) {
            return "link-local, unspecified, multicast and reserved addresses are never reached";
        }
        if (in(r.allow(), a)) {
            return null;
        }
        if (in(LOOPBACK, a) || a.isLoopbackAddress()) {
            return r.allowLoopback() ? null : "loopback addresses are refused (outbound." + target.key() + ".allowLoopback)";
        }
        if (in(PRIVATE, a) || a.isSiteLocalAddress()) {
            return r.allowPrivate() ? null : "private network addresses are refused (outbound." + target.key() + ".allowPrivate)";
        }
        return null;
    }

    private static void refuseMetadataName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (METADATA_NAMES.contains(h)) {
            throw new OutboundRefusedException(host, "cloud metadata addresses are never reached");
        }
    }

    /** The IPv4 address carried inside an IPv4-mapped, NAT64, 6to4 or IPv4-compatible IPv6 address; else the address. */
    static InetAddress embeddedIpv4(InetAddress a) {
        if (!(a instanceof Inet6Address)) {
            return a;
        }
        byte[] b = a.getAddress();
        byte[] v4 = null;
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        if (zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            v4 = new byte[] {b[12], b[13], b[14], b[15]};
        } else if (zeroPrefix && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] & 0xfe) == 0)) {
            v4 = new byte[] {b[12], b[13], b[14], b[15]}; // IPv4-compatible (deprecated), not :: or ::1
        } else if (NAT64.contains(a)) {
            v4 = new byte[] {b[12], b[13], b[14], b[15]};
        } else if (SIX_TO_FOUR.contains(a)) {
            v4 = new byte[] {b[2], b[3], b[4], b[5]};
        }
        if (v4 == null) {
            return a;
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            return a;
        }
    }

    private static boolean in(List<Cidr> ranges, InetAddress a) {
        for (Cidr c : ranges) {
            if (c.contains(a)) {
                return true;
            }
        }
        return false;
    }

    private static String bare(String host) {
        String h = host == null ? "" : host.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.isEmpty()) {
            throw new OutboundRefusedException(host, "no host");
        }
        return h;
    }
}
