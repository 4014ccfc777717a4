package org.carewatch.tools.simulator.sensors;

/** One MQTT connection the simulator publishes over; acknowledgements are reported through callbacks. */
interface PublishConnection extends AutoCloseable {

    /** Most QoS 1 publishes this connection keeps un-acknowledged (the broker's Receive Maximum, capped). */
    int window();

    /**
     * Sends one message; {@code done} is called once with true when the broker acknowledged it (or at once for
     * QoS 0), false when it refused it or the connection failed.
     *
     * @return false when it could not be sent now (not connected); {@code done} is then not called
     */
    boolean publish(String topic, byte[] payload, int qos, java.util.function.Consumer<Boolean> done);

    @Override
    void close();
}
