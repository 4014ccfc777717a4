package org.carewatch.core.readings;

import java.util.List;

/**
 * The rules hook: told about readings and device events once they are accepted (committed to the store,
 * or spooled durably while the store is down), in the ingest stream, never by polling. Called from the
 * ingest writer thread before the batch's messages are acknowledged: implementations must return quickly,
 * must not look things up (each {@link Reading} already carries its sensor, centre and profile) and must not
 * throw (exceptions are logged and ignored so that a faulty rule never stops ingest).
 */
public interface ReadingListener {

    default void readingsAccepted(List<Reading> readings) {
    }

    default void deviceEvent(DeviceEvent event) {
    }
}
