package org.carewatch.ingest.rtsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RtspAuthenticatorTest {

    @Test
    void md5WithQopMatchesRfc2617Example() {
        String r = DigestAlgorithm.MD5.response("Mufasa", "testrealm@host.com", "Circle Of Life", "GET",
                "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "auth", "00000001", "0a4f113b");
        assertThat(r).isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void sha256AndMd5MatchRfc7616Example() {
        String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        assertThat(DigestAlgorithm.SHA_256.response("Mufasa", "http-auth@example.org", "Circle of Life", "GET",
                "/dir/index.html", nonce, "auth", "00000001", cnonce))
                .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
        assertThat(DigestAlgorithm.MD5.response("Mufasa", "http-auth@example.org", "Circle of Life", "GET",
                "/dir/index.html", nonce, "auth", "00000001", cnonce))
                .isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
    }

    @Test
    void digestWithoutQopUsesRfc2069Form() {
        RtspAuthenticator auth = new RtspAuthenticator(new Credentials("admin", "secret"), BasicAuth.REFUSED, null);
        assertThat(auth.onUnauthorized(List.of("Digest realm=\"cam\", nonce=\"abc\""), false))
                .isEqualTo(RtspAuthenticator.Outcome.RETRY);
        String header = auth.authorization("DESCRIBE", "rtsp://h/cam/1").orElseThrow();
        AuthChallenge parsed = AuthChallenge.parse(header).orElseThrow();
        String ha1 = DigestAlgorithm.MD5.hash("admin:cam:secret");
        String ha2 = DigestAlgorithm.MD5.hash("DESCRIBE:rtsp://h/cam/1");
        assertThat(parsed.param("response")).isEqualTo(DigestAlgorithm.MD5.hash(ha1 + ":abc:" + ha2));
        assertThat(parsed.param("qop")).isNull();
        assertThat(parsed.param("uri")).isEqualTo("rtsp://h/cam/1");
    }

    @Test
    void qopAuthReusesTheNonceWithIncreasingCount() {
        RtspAuthenticator auth = new RtspAuthenticator(new Credentials("u", "p"), BasicAuth.REFUSED, null);
        auth.onUnauthorized(List.of("Basic realm=\"x\"",
                "Digest realm=\"r\", nonce=\"n1\", qop=\"auth,auth-int\", algorithm=MD5",
                "Digest realm=\"r\", nonce=\"n1\", qop=\"auth\", algorithm=SHA-256, opaque=\"op\""), false);
        AuthChallenge first = AuthChallenge.parse(auth.authorization("SETUP", "rtsp://h/a").orElseThrow()).orElseThrow();
        AuthChallenge second = AuthChallenge.parse(auth.authorization("PLAY", "rtsp://h/a").orElseThrow()).orElseThrow();
        assertThat(first.param("algorithm")).isEqualTo("SHA-256");
        assertThat(first.param("opaque")).isEqualTo("op");
        assertThat(first.param("nc")).isEqualTo("00000001");
        assertThat(second.param("nc")).isEqualTo("00000002");
        assertThat(second.param("nonce")).isEqualTo("n1");
        assertThat(second.param("response")).isEqualTo(DigestAlgorithm.SHA_256.response("u", "r", "p", "PLAY",
                "rtsp://h/a", "n1", "auth", "00000002", second.param("cnonce")));
    }

    @Test
    void secondRejectionOfSameNonceIsAuthFailedButStaleNonceIsRetried() {
        RtspAuthenticator auth = new RtspAuthenticator(new Credentials("u", "wrong"), BasicAuth.REFUSED, null);
        List<String> challenge = List.of("Digest realm=\"r\", nonce=\"n1\"");
        assertThat(auth.onUnauthorized(challenge, false)).isEqualTo(RtspAuthenticator.Outcome.RETRY);
        assertThat(auth.onUnauthorized(List.of("Digest realm=\"r\", nonce=\"n2\", stale=TRUE"), true))
                .isEqualTo(RtspAuthenticator.Outcome.RETRY);
        assertThat(auth.onUnauthorized(List.of("Digest realm=\"r\", nonce=\"n2\""), true))
                .isEqualTo(RtspAuthenticator.Outcome.FAILED);
    }

    @Test
    void basicOnlyQuirkAndMissingCredentials() {
        RtspAuthenticator basic = new RtspAuthenticator(new Credentials("user", "pa:ss"), BasicAuth.PROFILE_BASIC_ONLY, null);
        basic.onUnauthorized(List.of("Digest realm=\"r\", nonce=\"n\"", "Basic realm=\"r\""), false);
        assertThat(basic.authorization("OPTIONS", "rtsp://h/")).contains("Basic dXNlcjpwYTpzcw==");
        assertThat(basic.onUnauthorized(List.of("Basic realm=\"r\""), true)).isEqualTo(RtspAuthenticator.Outcome.FAILED);

        RtspAuthenticator none = new RtspAuthenticator(null, BasicAuth.REFUSED, null);
        assertThat(none.onUnauthorized(List.of("Basic realm=\"r\""), false)).isEqualTo(RtspAuthenticator.Outcome.FAILED);
    }

    @Test
    void hostileChallengesAreIgnored() {
        assertThat(AuthChallenge.parse("Digest realm=\"unterminated")).isEmpty();
        assertThat(AuthChallenge.parse("Digest novalue")).isEmpty();
        assertThat(AuthChallenge.parse("\"quoted\" x=1")).isEmpty();
        RtspAuthenticator auth = new RtspAuthenticator(new Credentials("u", "p"), BasicAuth.REFUSED, null);
        assertThat(auth.onUnauthorized(List.of("Digest realm=\"r\"", "Digest nonce=\"n\"",
                "Digest realm=r, nonce=n, algorithm=SHA-512-256-unknown"), false))
                .isEqualTo(RtspAuthenticator.Outcome.FAILED);
    }

    @Test
    void basicIsNotAnsweredInClearUnlessTheProfileSaysBasicOnly() {
        RtspAuthenticator plain = new RtspAuthenticator(new Credentials("u", "p"), BasicAuth.REFUSED, null);
        assertThat(plain.onUnauthorized(List.of("Basic realm=\"r\""), false)).isEqualTo(RtspAuthenticator.Outcome.BASIC_REFUSED);
        assertThat(plain.authorization("DESCRIBE", "rtsp://h/")).isEmpty();

        RtspAuthenticator tls = new RtspAuthenticator(new Credentials("u", "p"), BasicAuth.TLS_UNLESS_DIGEST_EXPECTED, null);
        assertThat(tls.onUnauthorized(List.of("Basic realm=\"r\""), false)).isEqualTo(RtspAuthenticator.Outcome.RETRY);
        assertThat(tls.authorization("DESCRIBE", "rtsp://h/")).contains("Basic dTpw");
    }

    @Test
    void aDowngradeFromDigestToBasicIsRefusedEvenOverTls() {
        AuthExpectation camera = new AuthExpectation(false);
        RtspAuthenticator first = new RtspAuthenticator(new Credentials("u", "p"), BasicAuth.TLS_UNLESS_DIGEST_EXPECTED, camera);
        assertThat(first.onUnauthorized(List.of("Digest realm=\"r\", nonce=\"n\""), false)).isEqualTo(RtspAuthenticator.Outcome.RETRY);
        assertThat(camera.digestExpected()).isTrue();
        // The next session to the same camera is offered Basic only: nothing is sent.
        RtspAuthenticator next = new RtspAuthenticator(new Credentials("u", "p"), BasicAuth.TLS_UNLESS_DIGEST_EXPECTED, camera);
        assertThat(next.onUnauthorized(List.of("Basic realm=\"r\""), false)).isEqualTo(RtspAuthenticator.Outcome.BASIC_REFUSED);
        assertThat(next.authorization("DESCRIBE", "rtsp://h/")).isEmpty();
        // A profile that says Digest expects it from the start.
        RtspAuthenticator digestProfile = new RtspAuthenticator(new Credentials("u", "p"), BasicAuth.TLS_UNLESS_DIGEST_EXPECTED,
                new AuthExpectation(true));
        assertThat(digestProfile.onUnauthorized(List.of("Basic realm=\"r\""), false)).isEqualTo(RtspAuthenticator.Outcome.BASIC_REFUSED);
    }
}
