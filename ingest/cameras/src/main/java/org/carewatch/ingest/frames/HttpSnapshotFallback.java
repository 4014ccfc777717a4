package org.carewatch.ingest.frames;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.carewatch.ingest.rtsp.Credentials;
import org.carewatch.ingest.rtsp.RtspAuthenticator;
import org.carewatch.ingest.rtsp.RtspException;
import org.carewatch.ingest.rtsp.SnapshotFailure;

/**
 * The vendor's HTTP snapshot endpoint (e.g. Hikvision ISAPI picture), used when the RTSP stream yields no
 * keyframe. Basic or Digest auth (the same challenge/response code as RTSP), asynchronous, size-capped,
 * and only a real JPEG is accepted.
 */
final class HttpSnapshotFallback {
    static final int MAX_BYTES = 10 * 1024 * 1024;

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    CompletableFuture<byte[]> fetch(URI url, Credentials credentials, Duration timeout) {
        RtspAuthenticator auth = new RtspAuthenticator(credentials, false);
        return send(url, auth, null, timeout).thenCompose(first -> {
            if (first.statusCode() != 401) {
                return CompletableFuture.completedFuture(first);
            }
            if (auth.onUnauthorized(first.headers().allValues("WWW-Authenticate"), false) != RtspAuthenticator.Outcome.RETRY) {
                return CompletableFuture.failedFuture(new RtspException(SnapshotFailure.AUTH_FAILED, "HTTP snapshot", null));
            }
            String path = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            return send(url, auth, auth.authorization("GET", path).orElse(null), timeout);
        }).thenApplyAsync(HttpSnapshotFallback::jpeg, task -> Thread.ofVirtual().name("http-snapshot").start(task));
    }

    private CompletableFuture<HttpResponse<java.io.InputStream>> send(URI url, RtspAuthenticator auth, String authorization, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(timeout).GET().header("Accept", "image/jpeg");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Reads at most {@link #MAX_BYTES}: a hostile device cannot make us buffer without end. */
    private static byte[] jpeg(HttpResponse<java.io.InputStream> r) {
        byte[] body;
        try (var in = r.body()) {
            body = in.readNBytes(MAX_BYTES + 1);
        } catch (java.io.IOException e) {
            throw new RtspException(SnapshotFailure.CONNECTION_LOST, "HTTP snapshot", e);
        }
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw new RtspException(SnapshotFailure.AUTH_FAILED, "HTTP snapshot", null);
        }
        if (r.statusCode() == 404) {
            throw new RtspException(SnapshotFailure.NOT_FOUND, "HTTP snapshot", null);
        }
        if (r.statusCode() != 200 || body == null || body.length < 4 || body.length > MAX_BYTES
                || (body[0] & 0xff) != 0xFF || (body[1] & 0xff) != 0xD8) {
            throw new RtspException(SnapshotFailure.PROTOCOL_ERROR, "HTTP snapshot answered " + r.statusCode() + " without a JPEG", null);
        }
        return body;
    }
}
