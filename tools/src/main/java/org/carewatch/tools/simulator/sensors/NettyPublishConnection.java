package org.carewatch.tools.simulator.sensors;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.carewatch.core.mqtt.MqttLogin;

/**
 * A lean MQTT 5 publisher on Netty's MQTT codec, for load generation: one event-loop thread, writes
 * coalesced into few system calls, no client-side persistence. It does not reconnect: a lost connection
 * fails its outstanding messages (counted by the simulator). About a fifth of Paho's CPU per message, which
 * matters when the load generator shares two cores with the broker, the database and the system under test.
 */
final class NettyPublishConnection implements PublishConnection {
    private final Channel channel;
    private final int window;
    /** Un-acknowledged QoS 1 messages by packet id. */
    private final ConcurrentHashMap<Integer, Consumer<Boolean>> inFlight = new ConcurrentHashMap<>();
    private int nextId;

    NettyPublishConnection(EventLoopGroup group, String brokerUrl, String clientId, int maxWindow, MqttLogin login) throws IOException {
        URI uri = URI.create(brokerUrl);
        if (!"tcp".equals(uri.getScheme())) {
            throw new IOException("the load publisher speaks plain tcp:// only, not " + brokerUrl);
        }
        CompletableFuture<MqttConnAckMessage> connAck = new CompletableFuture<>();
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new FlushConsolidationHandler(256, true), MqttEncoder.INSTANCE, new MqttDecoder(),
                                new Acks(connAck));
                    }
                });
        try {
            channel = b.connect(uri.getHost(), uri.getPort() < 0 ? 1883 : uri.getPort()).sync().channel();
            var connect = MqttMessageBuilders.connect().clientId(clientId).protocolVersion(MqttVersion.MQTT_5)
                    .cleanSession(true).keepAlive(60);
            if (login != null) {
                connect.hasUser(true).username(login.username()).hasPassword(true)
                        .password(login.password().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            channel.writeAndFlush(connect.build());
            MqttConnAckMessage ack = connAck.get(15, TimeUnit.SECONDS);
            if (ack.variableHeader().connectReturnCode() != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                throw new IOException("broker refused the connection: " + ack.variableHeader().connectReturnCode());
            }
            MqttProperties.MqttProperty<?> rm = ack.variableHeader().properties()
                    .getProperty(MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value());
            int announced = rm == null ? 65_535 : (Integer) rm.value();
            window = Math.max(1, Math.min(maxWindow, announced));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + brokerUrl, e);
        } catch (Exception e) {
            throw new IOException("cannot connect to " + brokerUrl + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int window() {
        return window;
    }

    @Override
    public boolean publish(String topic, byte[] payload, int qos, Consumer<Boolean> done) {
        if (!channel.isActive()) {
            return false;
        }
        send(topic, payload, qos, done);
        channel.flush();
        return true;
    }

    /**
     * Publishes {@code messages} in order from the connection's own event loop, keeping the window full: each
     * acknowledgement sends the next message, so no other thread is woken per message and the writes of one
     * read burst leave in one system call. {@code done} is called once per message, as for {@link #publish}.
     *
     * @return completes when every message was acknowledged or failed
     */
    CompletableFuture<Void> publishAll(List<SimulatedDevice.Message> messages, int qos, Consumer<Boolean> done) {
        CompletableFuture<Void> finished = new CompletableFuture<>();
        Pump pump = new Pump(messages, qos, done, finished);
        channel.eventLoop().execute(pump::fill);
        return finished;
    }

    /** Sends the next messages while the window has room; runs on the event loop only. */
    private final class Pump {
        private final List<SimulatedDevice.Message> messages;
        private final int qos;
        private final Consumer<Boolean> done;
        private final CompletableFuture<Void> finished;
        private int next;
        private int outstanding;

        Pump(List<SimulatedDevice.Message> messages, int qos, Consumer<Boolean> done, CompletableFuture<Void> finished) {
            this.messages = messages;
            this.qos = qos;
            this.done = done;
            this.finished = finished;
        }

        void fill() {
            if (!channel.isActive()) {
                for (; next < messages.size(); next++) {
                    done.accept(false); // never sent: the connection is gone
                }
            }
            boolean wrote = false;
            while (next < messages.size() && outstanding < window) {
                SimulatedDevice.Message m = messages.get(next++);
                outstanding++;
                send(m.topic(), m.payload().getBytes(StandardCharsets.UTF_8), qos, ok -> {
                    outstanding--;
                    done.accept(ok);
                    fill();
                });
                wrote = true;
            }
            if (wrote) {
                channel.flush(); // consolidated with the other flushes of this read burst
            }
            if (next == messages.size() && outstanding == 0) {
                finished.complete(null);
            }
        }
    }

    /** Writes one PUBLISH (not flushed); {@code done} runs on the event loop. */
    private void send(String topic, byte[] payload, int qos, Consumer<Boolean> done) {
        int id = 0;
        if (qos > 0) {
            id = allocateId();
            inFlight.put(id, done);
        }
        MqttMessage m = MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.valueOf(qos)).messageId(id).retained(false)
                .payload(Unpooled.wrappedBuffer(payload)).build();
        int sent = id;
        channel.write(m).addListener(f -> {
            if (!f.isSuccess()) {
                Consumer<Boolean> d = qos > 0 ? inFlight.remove(sent) : done;
                if (d != null) {
                    d.accept(false);
                }
            } else if (qos == 0) {
                done.accept(true);
            }
        });
    }

    /** Packet ids 1-65535, skipping those still in flight (the caller's window keeps that well under 65535). */
    private synchronized int allocateId() {
        do {
            nextId = nextId % 65_535 + 1;
        } while (inFlight.containsKey(nextId));
        return nextId;
    }

    @Override
    public void close() {
        if (channel.isActive()) {
            channel.writeAndFlush(MqttMessageBuilders.disconnect().build()).awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    private final class Acks extends SimpleChannelInboundHandler<MqttMessage> {
        private final CompletableFuture<MqttConnAckMessage> connAck;

        Acks(CompletableFuture<MqttConnAckMessage> connAck) {
            this.connAck = connAck;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) {
            if (msg.decoderResult().isFailure()) {
                ctx.close();
                return;
            }
            MqttMessageType type = msg.fixedHeader().messageType();
            if (type == MqttMessageType.CONNACK) {
                connAck.complete((MqttConnAckMessage) msg);
            } else if (type == MqttMessageType.PUBACK && msg.variableHeader() instanceof MqttMessageIdVariableHeader v) {
                Consumer<Boolean> d = inFlight.remove(v.messageId());
                if (d != null) {
                    // MQTT 5 reason codes of 0x80 and above refuse the message.
                    boolean ok = !(v instanceof MqttPubReplyMessageVariableHeader r) || (r.reasonCode() & 0xFF) < 0x80;
                    d.accept(ok);
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            connAck.completeExceptionally(new IOException("connection closed"));
            inFlight.keySet().forEach(id -> {
                Consumer<Boolean> d = inFlight.remove(id);
                if (d != null) {
                    d.accept(false);
                }
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
