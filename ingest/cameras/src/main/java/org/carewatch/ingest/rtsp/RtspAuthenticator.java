package org.carewatch.ingest.rtsp;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Answers RTSP {@code 401} challenges with Basic or Digest credentials (RFC 2617, RFC 7616) and keeps the
 * chosen challenge so later requests authenticate up front, reusing the nonce with an increasing
 * {@code nc}. Digest is preferred (SHA-256 over MD5) unless the camera profile says it only supports Basic.
 * A Basic challenge (the password in clear) is answered only as {@link BasicAuth} allows: when the profile
 * says the device only supports Basic, or over TLS when no Digest is expected of the camera; never after a
 * Digest challenge was expected ({@link AuthExpectation}). Not thread-safe: one instance per connection,
 * used on its event loop.
 */
public final class RtspAuthenticator {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What to do after a 401. */
    public enum Outcome {
        RETRY,
        FAILED,
        /** Only Basic was offered and it may not be answered here: nothing was sent. */
        BASIC_REFUSED
    }

    private final Credentials credentials;
    private final BasicAuth basic;
    private final boolean basicOnly;
    private final AuthExpectation expectation;
    private AuthChallenge challenge;
    private DigestAlgorithm algorithm;
    private String qop;
    private int nonceCount;
    private String cnonce;

    public RtspAuthenticator(Credentials credentials, BasicAuth basic, AuthExpectation expectation) {
        this.credentials = credentials;
        this.basic = basic;
        this.basicOnly = basic == BasicAuth.PROFILE_BASIC_ONLY;
        this.expectation = expectation == null ? new AuthExpectation(false) : expectation;
    }

    /**
     * Takes the {@code WWW-Authenticate} headers of a 401. {@code sentAuthorization} says whether the
     * rejected request carried credentials: a second rejection of the same nonce means the credentials are
     * wrong, unless the server marks the nonce {@code stale=true}.
     */
    public Outcome onUnauthorized(List<String> wwwAuthenticate, boolean sentAuthorization) {
        if (credentials == null) {
            return Outcome.FAILED;
        }
        AuthChallenge best = null;
        AuthChallenge basicChallenge = null;
        DigestAlgorithm bestAlgorithm = null;
        for (String header : wwwAuthenticate) {
            AuthChallenge c = AuthChallenge.parse(header).orElse(null);
            if (c == null) {
                continue;
            }
            if (c.isDigest()) {
                expectation.digestSeen();
            }
            if (c.isDigest() && !basicOnly && c.param("nonce") != null && c.param("realm") != null) {
                DigestAlgorithm a = DigestAlgorithm.fromToken(c.param("algorithm")).orElse(null);
                if (a != null && (bestAlgorithm == null || a.ordinal() > bestAlgorithm.ordinal())) {
                    best = c;
                    bestAlgorithm = a;
                }
            } else if (c.isBasic() && basicChallenge == null) {
                basicChallenge = c;
            }
        }
        if (best == null && basicChallenge != null) {
            if (!basicAllowed()) {
                return Outcome.BASIC_REFUSED;
            }
            best = basicChallenge;
        }
        if (best == null) {
            return Outcome.FAILED;
        }
        if (sentAuthorization && challenge != null) {
            boolean stale = "true".equalsIgnoreCase(best.param("stale"));
            boolean sameNonce = best.isDigest() && challenge.isDigest()
                    && best.param("nonce").equals(challenge.param("nonce"));
            if (!stale && (sameNonce || best.isBasic() || !best.isDigest())) {
                return Outcome.FAILED;
            }
        }
        challenge = best;
        algorithm = bestAlgorithm;
        qop = chooseQop(best.param("qop"));
        nonceCount = 0;
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        cnonce = HexFormat.of().formatHex(bytes);
        return Outcome.RETRY;
    }

    /** The {@code Authorization} header for a request, once a challenge has been seen. */
    public Optional<String> authorization(String method, String uri) {
        if (challenge == null || credentials == null) {
            return Optional.empty();
        }
        if (challenge.isBasic()) {
            String token = credentials.user() + ":" + credentials.password();
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
        }
        String realm = challenge.param("realm");
        String nonce = challenge.param("nonce");
        StringBuilder h = new StringBuilder("Digest ");
        h.append("username=\"").append(quote(credentials.user())).append("\", realm=\"").append(quote(realm))
                .append("\", nonce=\"").append(quote(nonce)).append("\", uri=\"").append(quote(uri)).append('"');
        String response;
        if (qop != null) {
            nonceCount++;
            String nc = String.format(Locale.ROOT, "%08x", nonceCount);
            response = algorithm.response(credentials.user(), realm, credentials.password(), method, uri, nonce,
                    qop, nc, cnonce);
            h.append(", qop=").append(qop).append(", nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
        } else {
            response = algorithm.response(credentials.user(), realm, credentials.password(), method, uri, nonce,
                    null, null, cnonce);
            if (algorithm.session()) {
                h.append(", cnonce=\"").append(cnonce).append('"');
            }
        }
        h.append(", response=\"").append(response).append('"');
        if (challenge.param("algorithm") != null) {
            h.append(", algorithm=").append(algorithm.token());
        }
        if (challenge.param("opaque") != null) {
            h.append(", opaque=\"").append(quote(challenge.param("opaque"))).append('"');
        }
        return Optional.of(h.toString());
    }

    /** Whether a Basic challenge may be answered now (see {@link BasicAuth}). */
    private boolean basicAllowed() {
        return switch (basic) {
            case PROFILE_BASIC_ONLY -> true;
            case TLS_UNLESS_DIGEST_EXPECTED -> !expectation.digestExpected();
            case REFUSED -> false;
        };
    }

    private static String chooseQop(String offered) {
        if (offered == null) {
            return null;
        }
        for (String option : offered.split(",")) {
            if (option.trim().equalsIgnoreCase("auth")) {
                return "auth";
            }
        }
        // Only auth-int (or something unknown) offered: auth-int over RTSP bodies is not supported.
        return null;
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
