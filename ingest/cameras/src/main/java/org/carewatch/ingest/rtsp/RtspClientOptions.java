package org.carewatch.ingest.rtsp;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How to talk to one camera.
 *
 * @param transport       TCP interleaved (default) or UDP; the {@code require-tcp} quirk forces TCP
 * @param connectTimeout  TCP connect timeout
 * @param responseTimeout how long to wait for each RTSP response
 * @param readTimeout     silence after PLAY (no RTP) that ends the session with a timeout
 * @param credentials     used when the URL has none
 * @param quirks          hardware-profile quirk flags, see {@link RtspQuirks}
 * @param maxRedirects    3xx responses followed before giving up
 * @param resolver        turns the host into the addresses to connect to (the node's applies the outbound policy)
 * @param authExpectation what is known of the camera's authentication across sessions (Digest expected: no Basic)
 */
public record RtspClientOptions(RtspTransport transport, Duration connectTimeout, Duration responseTimeout,
                                Duration readTimeout, Optional<Credentials> credentials, Set<String> quirks,
                                int maxRedirects, HostResolver resolver, AuthExpectation authExpectation) {

    public RtspClientOptions {
        Objects.requireNonNull(transport, "transport");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(responseTimeout, "responseTimeout");
        requirePositive(readTimeout, "readTimeout");
        credentials = credentials == null ? Optional.empty() : credentials;
        quirks = quirks == null ? Set.of() : Set.copyOf(quirks);
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects < 0");
        }
        resolver = resolver == null ? HostResolver.SYSTEM : resolver;
        authExpectation = authExpectation == null ? new AuthExpectation(false) : authExpectation;
    }

    public static RtspClientOptions defaults() {
        return new RtspClientOptions(RtspTransport.TCP, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Optional.empty(), Set.of(), 3, HostResolver.SYSTEM, null);
    }

    public RtspClientOptions withTransport(RtspTransport t) {
        return new RtspClientOptions(t, connectTimeout, responseTimeout, readTimeout, credentials, quirks, maxRedirects, resolver,
                authExpectation);
    }

    public RtspClientOptions withCredentials(Credentials c) {
        return new RtspClientOptions(transport, connectTimeout, responseTimeout, readTimeout, Optional.ofNullable(c),
                quirks, maxRedirects, resolver, authExpectation);
    }

    public RtspClientOptions withQuirks(Set<String> q) {
        return new RtspClientOptions(transport, connectTimeout, responseTimeout, readTimeout, credentials, q,
                maxRedirects, resolver, authExpectation);
    }

    /** Sets connect, response and read timeouts at once. */
    public RtspClientOptions withTimeouts(Duration all) {
        return new RtspClientOptions(transport, all, all, all, credentials, quirks, maxRedirects, resolver, authExpectation);
    }

    public RtspClientOptions withReadTimeout(Duration d) {
        return new RtspClientOptions(transport, connectTimeout, responseTimeout, d, credentials, quirks, maxRedirects, resolver,
                authExpectation);
    }

    public RtspClientOptions withResolver(HostResolver r) {
        return new RtspClientOptions(transport, connectTimeout, responseTimeout, readTimeout, credentials, quirks, maxRedirects, r,
                authExpectation);
    }

    public RtspClientOptions withAuthExpectation(AuthExpectation a) {
        return new RtspClientOptions(transport, connectTimeout, responseTimeout, readTimeout, credentials, quirks, maxRedirects, resolver, a);
    }

    public boolean hasQuirk(String quirk) {
        return quirks.contains(quirk);
    }

    /** The transport actually used, after quirks. */
    public RtspTransport effectiveTransport() {
        return hasQuirk(RtspQuirks.REQUIRE_TCP) ? RtspTransport.TCP : transport;
    }

    /**
     * When a Basic challenge may be answered. The client speaks plain RTSP (no TLS), so only when the profile
     * says the device only supports Basic.
     */
    public BasicAuth basicAuth() {
        return hasQuirk(RtspQuirks.BASIC_AUTH_ONLY) ? BasicAuth.PROFILE_BASIC_ONLY : BasicAuth.REFUSED;
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
