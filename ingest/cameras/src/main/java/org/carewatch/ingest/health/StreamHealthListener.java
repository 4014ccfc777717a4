package org.carewatch.ingest.health;

/**
 * Receives stream state changes (the lead wires it to the {@code stream_events} table and to alerts).
 * Called on a Netty event loop: implementations must return quickly and hand blocking work elsewhere.
 */
@FunctionalInterface
public interface StreamHealthListener {

    void onStreamEvent(StreamHealthEvent event);

    StreamHealthListener NONE = e -> { };
}
