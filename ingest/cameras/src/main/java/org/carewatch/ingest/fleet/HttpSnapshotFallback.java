package org.carewatch.ingest.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.carewatch.core.outbound.OutboundFailure;
import org.carewatch.core.outbound.OutboundHttp;
import org.carewatch.core.outbound.OutboundPolicy;
import org.carewatch.core.outbound.OutboundTarget;
import org.carewatch.ingest.rtsp.AuthExpectation;
import org.carewatch.ingest.rtsp.BasicAuth;
import org.carewatch.ingest.rtsp.Credentials;
import org.carewatch.ingest.rtsp.RtspAuthenticator;
import org.carewatch.ingest.rtsp.RtspException;
import org.carewatch.ingest.rtsp.SnapshotFailure;

/**
 * The vendor's HTTP snapshot endpoint (e.g. Hikvision ISAPI picture), used when the RTSP stream yields no
 * keyframe. Connects under the outbound policy (the camera's host resolved and checked on every connection);
 * Basic or Digest auth (the same challenge/response code and Basic rules as RTSP: Basic only over https or
 * when the profile says the device only supports Basic, never once Digest is expected), size-capped, and only
 * a real JPEG is accepted. Blocking work runs on virtual threads.
 */
final class HttpSnapshotFallback implements AutoCloseable {
    static final int MAX_BYTES = 10 * 1024 * 1024;
    private static final Executor VIRTUAL = task -> Thread.ofVirtual().name("http-snapshot").start(task);

    private final CloseableHttpClient client;

    HttpSnapshotFallback(OutboundPolicy policy) {
        this.client = OutboundHttp.client(policy, OutboundTarget.CAMERA, Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    /**
     * @param basicOnly   the profile says the device only supports Basic
     * @param expectation what is known of the endpoint's authentication (Digest expected: Basic refused)
     */
    CompletableFuture<byte[]> fetch(URI url, Credentials credentials, boolean basicOnly, AuthExpectation expectation,
                                           Duration timeout) {
        BasicAuth basic = basicOnly ? BasicAuth.PROFILE_BASIC_ONLY
                : "https".equalsIgnoreCase(url.getScheme()) ? BasicAuth.TLS_UNLESS_DIGEST_EXPECTED : BasicAuth.REFUSED;
        RtspAuthenticator auth = new RtspAuthenticator(credentials, basic, expectation);
        return CompletableFuture.supplyAsync(() -> {
            Answer first = get(url, null);
            if (first.status != 401) {
                return first.jpeg();
            }
            RtspAuthenticator.Outcome outcome = auth.onUnauthorized(first.challenges, false);
            if (outcome != RtspAuthenticator.Outcome.RETRY) {
                throw new RtspException(SnapshotFailure.AUTH_FAILED, outcome == RtspAuthenticator.Outcome.BASIC_REFUSED
                        ? "HTTP snapshot asks for Basic authentication over an unencrypted connection; not answered" : "HTTP snapshot");
            }
            String path = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            return get(url, auth.authorization("GET", path).orElse(null)).jpeg();
        }, VIRTUAL).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private record Answer(int status, List<String> challenges, byte[] body) {
        byte[] jpeg() {
            if (status == 401 || status == 403) {
                throw new RtspException(SnapshotFailure.AUTH_FAILED, "HTTP snapshot");
            }
            if (status == 404) {
                throw new RtspException(SnapshotFailure.NOT_FOUND, "HTTP snapshot");
            }
            if (status != 200 || body == null || body.length < 4 || body.length > MAX_BYTES
                    || (body[0] & 0xff) != 0xFF || (body[1] & 0xff) != 0xD8) {
                throw new RtspException(SnapshotFailure.PROTOCOL_ERROR, "HTTP snapshot answered " + status + " without a JPEG");
            }
            return body;
        }
    }

    /** One GET; reads at most {@link #MAX_BYTES} of the body: a hostile device cannot make us buffer without end. */
    private Answer get(URI url, String authorization) {
        HttpGet get = new HttpGet(url);
        get.setHeader("Accept", "image/jpeg");
        if (authorization != null) {
            get.setHeader("Authorization", authorization);
        }
        try {
            return client.execute(get, response -> {
                List<String> challenges = Arrays.stream(response.getHeaders("WWW-Authenticate")).map(Header::getValue).toList();
                byte[] body = null;
                if (response.getEntity() != null) {
                    try (InputStream in = response.getEntity().getContent()) {
                        body = in.readNBytes(MAX_BYTES + 1);
                    }
                    EntityUtils.consumeQuietly(response.getEntity());
                }
                return new Answer(response.getCode(), challenges, body);
            });
        } catch (IOException | RuntimeException e) {
            if (e instanceof RtspException r) {
                throw r;
            }
            throw switch (OutboundFailure.of(e)) {
                case REFUSED_BY_POLICY -> new RtspException(SnapshotFailure.REFUSED_BY_POLICY, "HTTP snapshot", e);
                case TIMEOUT -> new RtspException(SnapshotFailure.TIMEOUT, "HTTP snapshot", e);
                case UNREACHABLE -> new RtspException(SnapshotFailure.CONNECTION_REFUSED, "HTTP snapshot", e);
            };
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

}
