package org.carewatch.alerts.notify;

/**
 * Receives notices after their change is committed. Implementations must not block for long (the live
 * console push is the Vert.x event bus in patrol-ui; webhooks deliver on their own threads).
 */
@FunctionalInterface
public interface AlertPublisher {
    void publish(AlertNotice notice);
}
