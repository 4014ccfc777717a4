package org.carewatch.ingest.telemetry;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/**
 * Plain TCP sockets whose input is buffered. Paho reads each packet's header from the socket a byte at a
 * time, which at tens of thousands of messages a second is several system calls per message on the
 * receiving thread; a buffer turns that into one read per burst. Reads still return as soon as the peer's
 * bytes arrive, and a read timeout consumes nothing, so Paho sees the same stream.
 */
public final class BufferedSocketFactory extends SocketFactory {
    static final int BUFFER_BYTES = 64 * 1024;

    /** Installs this factory for {@code tcp://} brokers (TLS and WebSocket URLs keep Paho's own). */
    public static void applyTo(MqttConnectionOptions options, String brokerUrl) {
        if (brokerUrl.startsWith("tcp://")) {
            options.setSocketFactory(new BufferedSocketFactory());
        }
    }

    @Override
    public Socket createSocket() {
        return new BufferedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(null, new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(localHost, localPort), new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(null, new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(localAddress, localPort), new InetSocketAddress(address, port));
    }

    private static Socket connected(InetSocketAddress local, InetSocketAddress remote) throws IOException {
        Socket s = new BufferedSocket();
        if (local != null) {
            s.bind(local);
        }
        s.connect(remote);
        return s;
    }

    private static final class BufferedSocket extends Socket {
        private InputStream in;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new BufferedInputStream(super.getInputStream(), BUFFER_BYTES) {
                    /** Paho asks before every packet; answering from the buffer saves a system call each time. */
                    @Override
                    public synchronized int available() throws IOException {
                        int buffered = count - pos;
                        return buffered > 0 ? buffered : super.available();
                    }
                };
            }
            return in;
        }
    }
}
