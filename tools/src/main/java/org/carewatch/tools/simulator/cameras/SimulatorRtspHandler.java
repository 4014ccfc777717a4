package org.carewatch.tools.simulator.cameras;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.rtsp.RtspMethods;
import io.netty.handler.codec.rtsp.RtspResponseStatuses;
import io.netty.handler.codec.rtsp.RtspVersions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.carewatch.ingest.rtsp.AuthChallenge;
import org.carewatch.ingest.rtsp.Credentials;
import org.carewatch.ingest.rtsp.DigestAlgorithm;
import org.carewatch.ingest.rtsp.InterleavedFrame;
import org.carewatch.ingest.rtsp.RtspHeader;
import org.carewatch.ingest.rtsp.TransportHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of one simulator connection: answers OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE,
 * GET_PARAMETER and TEARDOWN for {@code /cam/N}, checks credentials, and applies the camera's faults.
 * One RTSP session per connection, like most cameras.
 */
final class SimulatorRtspHandler extends SimpleChannelInboundHandler<Object> {

    private static final Logger log = LoggerFactory.getLogger(SimulatorRtspHandler.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String REALM = "CareWatch Simulator";

    private final CameraSimulator simulator;
    private String nonce;
    private SimulatorSession session;

    SimulatorRtspHandler(CameraSimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof InterleavedFrame) {
            return; // RTCP receiver reports from the client: not needed
        }
        if (!(msg instanceof FullHttpRequest request)) {
            return;
        }
        if (request.decoderResult().isFailure()) {
            reply(ctx, null, response(RtspResponseStatuses.BAD_REQUEST)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        String cseq = request.headers().get(RtspHeader.CSEQ);
        HttpMethod method = request.method();
        SimulatedCamera camera = cameraOf(request.uri());
        if (camera != null) {
            if (camera.faults.refusing()) {
                ctx.close();
                return;
            }
            if (camera.faults.unresponsive()) {
                return;
            }
        }
        if (session != null && session.id().equals(sessionId(request))) {
            session.touch();
        }
        if (method.equals(RtspMethods.OPTIONS)) {
            FullHttpResponse r = response(RtspResponseStatuses.OK);
            boolean getParameter = camera == null || !camera.faults.noGetParameter();
            r.headers().set(RtspHeader.PUBLIC, "OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN"
                    + (getParameter ? ", GET_PARAMETER" : ""));
            reply(ctx, cseq, r);
            return;
        }
        if (camera == null) {
            reply(ctx, cseq, response(RtspResponseStatuses.NOT_FOUND));
            return;
        }
        if (!authorized(request, camera.faults)) {
            FullHttpResponse r = response(RtspResponseStatuses.UNAUTHORIZED);
            r.headers().add(RtspHeader.WWW_AUTHENTICATE, challenge(camera.faults.auth()));
            reply(ctx, cseq, r);
            return;
        }
        if (method.equals(RtspMethods.DESCRIBE)) {
            describe(ctx, cseq, camera);
        } else if (method.equals(RtspMethods.SETUP)) {
            setup(ctx, cseq, camera, request);
        } else if (method.equals(RtspMethods.PLAY) || method.equals(RtspMethods.PAUSE)
                || method.equals(RtspMethods.GET_PARAMETER) || method.equals(RtspMethods.TEARDOWN)) {
            inSession(ctx, cseq, camera, request);
        } else {
            reply(ctx, cseq, response(RtspResponseStatuses.NOT_IMPLEMENTED));
        }
    }

    private void describe(ChannelHandlerContext ctx, String cseq, SimulatedCamera camera) {
        String base = baseUrl(ctx, camera) + "/";
        String sdp = camera.faults.unsupportedCodec() ? simulator.jpegSdp(camera) : simulator.sdp(camera);
        FullHttpResponse r = new DefaultFullHttpResponse(RtspVersions.RTSP_1_0, RtspResponseStatuses.OK,
                Unpooled.copiedBuffer(sdp, StandardCharsets.UTF_8));
        r.headers().set(RtspHeader.CONTENT_BASE, base);
        r.headers().set(RtspHeader.CONTENT_TYPE, "application/sdp");
        r.headers().set(RtspHeader.CONTENT_LENGTH, r.content().readableBytes());
        reply(ctx, cseq, r);
    }

    private void setup(ChannelHandlerContext ctx, String cseq, SimulatedCamera camera, FullHttpRequest request) {
        Optional<TransportHeader> requested = TransportHeader.parse(request.headers().get(RtspHeader.TRANSPORT));
        if (requested.isEmpty() || (!requested.get().tcp() && requested.get().clientRtpPort() <= 0)) {
            reply(ctx, cseq, response(RtspResponseStatuses.UNSUPPORTED_TRANSPORT));
            return;
        }
        if (session != null) {
            // A second SETUP on the same connection replaces the first (one track per camera here).
            session.camera().sessions.remove(session);
        }
        TransportHeader t = requested.get();
        String id = HexFormat.of().formatHex(randomBytes(8)).toUpperCase();
        TransportHeader answer;
        if (t.tcp()) {
            session = new SimulatorSession(id, camera, ctx.channel(), t.rtpChannel(), null);
            answer = TransportHeader.interleaved(t.rtpChannel(), t.rtcpChannel());
        } else {
            InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
            session = new SimulatorSession(id, camera, ctx.channel(), -1,
                    new InetSocketAddress(remote.getAddress(), t.clientRtpPort()));
            answer = TransportHeader.udp(t.clientRtpPort(), t.clientRtcpPort())
                    .withServerPorts(simulator.udpRtpPort(), simulator.udpRtcpPort());
        }
        answer = answer.withSsrc(camera.ssrc);
        camera.sessions.add(session);
        FullHttpResponse r = response(RtspResponseStatuses.OK);
        r.headers().set(RtspHeader.TRANSPORT, answer.format());
        r.headers().set(RtspHeader.SESSION, id + ";timeout=" + simulator.sessionTimeoutSeconds());
        reply(ctx, cseq, r);
    }

    private void inSession(ChannelHandlerContext ctx, String cseq, SimulatedCamera camera, FullHttpRequest request) {
        HttpMethod method = request.method();
        if (method.equals(RtspMethods.GET_PARAMETER) && camera.faults.noGetParameter()) {
            reply(ctx, cseq, response(RtspResponseStatuses.NOT_IMPLEMENTED));
            return;
        }
        String id = sessionId(request);
        if (session == null || !session.id().equals(id)) {
            if (method.equals(RtspMethods.GET_PARAMETER) && id == null) {
                reply(ctx, cseq, response(RtspResponseStatuses.OK)); // a sessionless ping
            } else {
                reply(ctx, cseq, response(RtspResponseStatuses.SESSION_NOT_FOUND));
            }
            return;
        }
        FullHttpResponse r = response(RtspResponseStatuses.OK);
        r.headers().set(RtspHeader.SESSION, session.id());
        if (method.equals(RtspMethods.PLAY)) {
            r.headers().set(RtspHeader.RANGE, "npt=0.000-");
            r.headers().set(RtspHeader.RTP_INFO, "url=" + baseUrl(ctx, camera) + "/trackID=0;seq="
                    + camera.nextSequence);
            reply(ctx, cseq, r);
            session.playing(true);
        } else if (method.equals(RtspMethods.PAUSE)) {
            session.playing(false);
            reply(ctx, cseq, r);
        } else if (method.equals(RtspMethods.TEARDOWN)) {
            camera.sessions.remove(session);
            session = null;
            reply(ctx, cseq, r);
        } else {
            reply(ctx, cseq, r);
        }
    }

    private boolean authorized(FullHttpRequest request, CameraFaults faults) {
        Credentials expected = faults.credentials();
        if (expected == null) {
            return true;
        }
        String header = request.headers().get(RtspHeader.AUTHORIZATION);
        if (header == null) {
            return false;
        }
        if (faults.auth() == SimulatedAuth.BASIC) {
            String token = Base64.getEncoder().encodeToString(
                    (expected.user() + ":" + expected.password()).getBytes(StandardCharsets.UTF_8));
            return equal("Basic " + token, header.trim());
        }
        AuthChallenge a = AuthChallenge.parse(header).orElse(null);
        if (a == null || !a.isDigest() || nonce == null) {
            return false;
        }
        boolean sha = faults.auth() == SimulatedAuth.DIGEST_SHA256;
        DigestAlgorithm algorithm = sha ? DigestAlgorithm.SHA_256 : DigestAlgorithm.MD5;
        String qop = a.param("qop");
        if (!expected.user().equals(a.param("username")) || !REALM.equals(a.param("realm"))
                || !nonce.equals(a.param("nonce")) || a.param("uri") == null || a.param("response") == null
                || (sha && (!"auth".equals(qop) || a.param("nc") == null || a.param("cnonce") == null))
                || (sha && !"SHA-256".equalsIgnoreCase(a.param("algorithm")))) {
            return false;
        }
        String response = algorithm.response(expected.user(), REALM, expected.password(), request.method().name(),
                a.param("uri"), nonce, qop, a.param("nc"), a.param("cnonce"));
        return equal(response, a.param("response"));
    }

    private String challenge(SimulatedAuth auth) {
        if (nonce == null) {
            nonce = HexFormat.of().formatHex(randomBytes(16));
        }
        return switch (auth) {
            case BASIC -> "Basic realm=\"" + REALM + "\"";
            case DIGEST_MD5 -> "Digest realm=\"" + REALM + "\", nonce=\"" + nonce + "\"";
            case DIGEST_SHA256 -> "Digest realm=\"" + REALM + "\", nonce=\"" + nonce
                    + "\", qop=\"auth\", algorithm=SHA-256";
        };
    }

    private SimulatedCamera cameraOf(String uri) {
        String path;
        try {
            URI u = URI.create(uri);
            path = u.getRawPath();
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (path == null) {
            return null;
        }
        List<String> parts = List.of(path.split("/"));
        // "", "cam", "N"[, "trackID=0"]
        if (parts.size() < 3 || parts.size() > 4 || !parts.get(0).isEmpty() || !parts.get(1).equals("cam")) {
            return null;
        }
        if (parts.size() == 4 && !parts.get(3).equals("trackID=0")) {
            return null;
        }
        String n = parts.get(2);
        if (n.isEmpty() || n.length() > 6 || !n.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return simulator.camera(Integer.parseInt(n));
    }

    private String baseUrl(ChannelHandlerContext ctx, SimulatedCamera camera) {
        InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
        return "rtsp://" + local.getAddress().getHostAddress() + ":" + local.getPort() + "/cam/" + camera.index;
    }

    private static String sessionId(FullHttpRequest request) {
        String h = request.headers().get(RtspHeader.SESSION);
        return h == null ? null : h.split(";")[0].trim();
    }

    private static FullHttpResponse response(HttpResponseStatus status) {
        FullHttpResponse r = new DefaultFullHttpResponse(RtspVersions.RTSP_1_0, status);
        r.headers().set(RtspHeader.SERVER, "CareWatch camera simulator");
        return r;
    }

    private static io.netty.channel.ChannelFuture reply(ChannelHandlerContext ctx, String cseq, FullHttpResponse r) {
        if (cseq != null) {
            r.headers().set(RtspHeader.CSEQ, cseq);
        }
        if (!r.headers().contains(RtspHeader.CONTENT_LENGTH) && r.content().readableBytes() > 0) {
            r.headers().set(RtspHeader.CONTENT_LENGTH, r.content().readableBytes());
        }
        return ctx.writeAndFlush(r);
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) {
            session.camera().sessions.remove(session);
            session = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("simulator connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
