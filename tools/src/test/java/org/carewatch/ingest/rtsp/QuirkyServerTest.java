package org.carewatch.ingest.rtsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.carewatch.tools.clip.TestClip;
import org.carewatch.ingest.media.AccessUnit;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.Keyframe;
import org.carewatch.ingest.rtp.Packetizer;
import org.carewatch.ingest.rtp.Packetizers;
import org.carewatch.ingest.rtp.RtpPacket;
import org.carewatch.ingest.stream.KeyframeSampler;
import org.carewatch.tools.testing.TestClips;
import org.junit.jupiter.api.Test;

/**
 * The client against a hand-scripted server that behaves like odd real cameras: lower-case header names,
 * no CSeq in answers, no Content-Base, interleaved channels chosen by the server, a stale Digest nonce.
 */
class QuirkyServerTest {

    private static final TestClip CLIP = TestClips.shortClip(Codec.H264);

    private static String sdp() {
        var ps = CLIP.parameterSets();
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=quirky\r\nt=0 0\r\n"
                + "m=video 0 RTP/AVP 97\r\na=rtpmap:97 H264/90000\r\n"
                + "a=fmtp:97 packetization-mode=1;sprop-parameter-sets="
                + Base64.getEncoder().encodeToString(ps.sps()) + "," + Base64.getEncoder().encodeToString(ps.pps())
                + "\r\na=control:track1\r\n";
    }

    /** Runs {@code script} on one accepted connection: request head → answer (null = say nothing). */
    private static Keyframe sampleFrom(BiFunction<String, Integer, String> script, Credentials credentials)
            throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             IngestEventLoop loop = IngestEventLoop.create("test-quirky", 1)) {
            Thread.ofVirtual().start(() -> serve(server, script));
            RtspClientOptions options = RtspClientOptions.defaults().withCredentials(credentials);
            return new KeyframeSampler(loop).sampleKeyframe("rtsp://127.0.0.1:" + server.getLocalPort() + "/live",
                    options, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        }
    }

    private static void serve(ServerSocket server, BiFunction<String, Integer, String> script) {
        try (Socket s = server.accept()) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            int n = 0;
            String head;
            while ((head = readHead(in)) != null) {
                String answer = script.apply(head, n++);
                if (answer != null) {
                    out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                if (head.startsWith("PLAY")) {
                    Thread.ofVirtual().start(() -> sendClip(out));
                }
            }
        } catch (IOException ignored) {
            // the client closed the connection
        }
    }

    private static void sendClip(OutputStream out) {
        Packetizer p = Packetizers.forCodec(Codec.H264, 97, 0x1234);
        try {
            for (AccessUnit au : CLIP.accessUnits()) {
                ByteArrayOutputStream frames = new ByteArrayOutputStream();
                for (RtpPacket packet : p.packetize(au, au.rtpTimestamp())) {
                    byte[] bytes = packet.encode();
                    frames.write(new byte[] {'$', 4, (byte) (bytes.length >> 8), (byte) bytes.length});
                    frames.write(bytes);
                }
                synchronized (out) {
                    out.write(frames.toByteArray());
                    out.flush();
                }
            }
        } catch (IOException ignored) {
            // the client got its keyframe and left
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (b.isEmpty() && c == '$') {
                // RTCP from the client: skip channel, length and payload.
                in.read();
                int len = (in.read() << 8) | in.read();
                in.readNBytes(len);
                continue;
            }
            b.append((char) c);
            if (b.toString().endsWith("\r\n\r\n")) {
                return b.toString();
            }
        }
        return null;
    }

    private static String header(String head, String name) {
        return head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(null);
    }

    @Test
    void oddButValidAnswersStillPlay() throws Exception {
        Keyframe k = sampleFrom((head, n) -> {
            String method = head.substring(0, head.indexOf(' '));
            return switch (method) {
                case "OPTIONS" -> "RTSP/1.0 200 OK\r\npublic: DESCRIBE, SETUP, PLAY, TEARDOWN\r\n\r\n";
                case "DESCRIBE" -> {
                    String body = sdp();
                    yield "RTSP/1.0 200 OK\r\ncontent-type: application/sdp\r\ncontent-length: " + body.length()
                            + "\r\n\r\n" + body;
                }
                case "SETUP" -> {
                    assertThat(head).startsWith("SETUP rtsp://127.0.0.1:");
                    assertThat(head.split(" ")[1]).endsWith("/live/track1");
                    yield "RTSP/1.0 200 OK\r\ntransport: RTP/AVP/TCP;unicast;interleaved=4-5\r\n"
                            + "session: ABC123;timeout=3\r\n\r\n";
                }
                case "PLAY" -> {
                    assertThat(header(head, "Session")).isEqualTo("ABC123");
                    yield "RTSP/1.0 200 OK\r\nsession: ABC123\r\n\r\n";
                }
                default -> "RTSP/1.0 200 OK\r\n\r\n";
            };
        }, null);
        assertThat(k.accessUnit().keyframe()).isTrue();
        assertThat(k.parameterSets()).isNotNull();
    }

    @Test
    void staleNonceIsRetriedWithTheNewOne() throws Exception {
        Credentials user = new Credentials("op", "pw");
        Keyframe k = sampleFrom((head, n) -> {
            String cseq = "CSeq: " + header(head, "CSeq") + "\r\n";
            String method = head.substring(0, head.indexOf(' '));
            String uri = head.split(" ")[1];
            String authorization = header(head, "Authorization");
            String nonce = n < 2 ? "first" : "second";
            boolean ok = authorization != null && AuthChallenge.parse(authorization)
                    .filter(a -> a.param("nonce").equals(nonce))
                    .filter(a -> a.param("response").equals(DigestAlgorithm.MD5.response("op", "cam", "pw", method,
                            uri, nonce, null, null, null)))
                    .isPresent();
            if (!ok) {
                String stale = authorization != null ? ", stale=true" : "";
                return "RTSP/1.0 401 Unauthorized\r\n" + cseq + "WWW-Authenticate: Digest realm=\"cam\", nonce=\""
                        + nonce + "\"" + stale + "\r\n\r\n";
            }
            return switch (method) {
                case "DESCRIBE" -> {
                    String body = sdp();
                    yield "RTSP/1.0 200 OK\r\n" + cseq + "Content-Base: " + uri + "/\r\nContent-Length: "
                            + body.length() + "\r\n\r\n" + body;
                }
                case "SETUP" -> "RTSP/1.0 200 OK\r\n" + cseq
                        + "Transport: RTP/AVP/TCP;unicast;interleaved=4-5\r\nSession: S1\r\n\r\n";
                default -> "RTSP/1.0 200 OK\r\n" + cseq + "Session: S1\r\n\r\n";
            };
        }, user);
        assertThat(k.accessUnit().keyframe()).isTrue();
    }
}
