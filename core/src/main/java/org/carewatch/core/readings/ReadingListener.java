package org.carewatch.core.readings;

import java.util.List;

/**
 * The rules hook: told about readings and device events once they are accepted (committed to the store,
 * or spooled durably while the store is down), in the ingest stream, never by polling. Called from the
 * ingest writer thread: implementations must return quickly and must not throw (exceptions are logged and
 * ignored so that a faulty rule never stops ingest).
 */
public interface ReadingListener {

    default void readingsAccepted(List<Reading> readings) {
    }

    default void deviceEvent(DeviceEvent event) {
    }
}
