package org.carewatch.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Something listening where a camera is said to be, over a real socket on loopback: it answers OPTIONS,
 * challenges every DESCRIBE without credentials with the configured {@code WWW-Authenticate} header, answers
 * one with credentials 404 (it has no stream), and logs every request with its headers, so a test can see
 * exactly what the client sent.
 */
final class FakeRtspServer implements AutoCloseable {
    /** One request as received: method and headers (names lower-cased). */
    record Request(String method, Map<String, String> headers) {
        String authorization() {
            return headers.get("authorization");
        }
    }

    private final ServerSocket server;
    private final String challenge;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    FakeRtspServer(String challenge) throws IOException {
        this.challenge = challenge;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("fake-rtsp-accept").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Connections accepted so far (0: nothing ever reached this address). */
    int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().name("fake-rtsp-conn").start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
             OutputStream out = s.getOutputStream()) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                String method = line.split(" ", 2)[0];
                Map<String, String> headers = new LinkedHashMap<>();
                while ((line = in.readLine()) != null && !line.isEmpty()) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                    }
                }
                int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
                for (int i = 0; i < length; i++) {
                    in.read();
                }
                Request r = new Request(method, headers);
                requests.add(r);
                String cseq = headers.getOrDefault("cseq", "0");
                String reply;
                if (method.equals("OPTIONS")) {
                    reply = "RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n\r\n";
                } else if (r.authorization() == null) {
                    reply = "RTSP/1.0 401 Unauthorized\r\nCSeq: " + cseq + "\r\nWWW-Authenticate: " + challenge + "\r\n\r\n";
                } else {
                    reply = "RTSP/1.0 404 Not Found\r\nCSeq: " + cseq + "\r\n\r\n";
                }
                out.write(reply.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
