package org.carewatch.core.sensors;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.carewatch.core.centres.CentreService;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.mqtt.MqttLogin;
import org.carewatch.core.readings.ReadingQueries;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;

/**
 * Sensors and their readings: every role lists and reads the sensors in its scope (the scope of the
 * sensor's centre); administrators (their district) and facility staff (their own centre) register them.
 * A sensor outside the caller's scope is "not found", whether or not it exists.
 */
public final class SensorService {
    private static final Role[] READERS = Role.values();
    private static final Role[] REGISTRARS = {Role.ADMIN, Role.FACILITY};

    private final SensorRepository sensors;
    private final CentreService centres;
    private final ReadingQueries readings;
    private final SensorChanges changes;
    private final DeviceCredentialRepository credentials;

    public SensorService(SensorRepository sensors, CentreService centres, ReadingQueries readings, SensorChanges changes,
                         DeviceCredentialRepository credentials) {
        this.sensors = sensors;
        this.centres = centres;
        this.readings = readings;
        this.changes = changes;
        this.credentials = credentials;
    }

    /** The sensors of a centre in the caller's scope. */
    public List<Sensor> list(Principal who, long centreId) throws SQLException {
        who.requireRole(READERS);
        centres.visible(who, centreId);
        return sensors.listByCentre(centreId);
    }

    /**
     * Registers a sensor in a centre of the caller's scope, with the MQTT login its device uses (the password
     * is in the answer only: just its hash is kept); the registration is then announced.
     */
    public SensorRegistration register(Principal who, long centreId, SensorInput in) throws SQLException {
        who.requireRole(REGISTRARS);
        // A centre claims device names (and so MQTT topics) under its own code only: see SensorRepository#create.
        String namespace = centres.visible(who, centreId).code();
        Sensor created = sensors.create(centreId, in, namespace);
        // Not in the sensor's transaction: should this fail, the sensor exists without a login and
        // newMqttPassword gives it one.
        MqttLogin login = credentials.issue(created.id());
        changes.sensorRegistered(created);
        return new SensorRegistration(created, login);
    }

    /**
     * Issues a new MQTT password for a sensor (the old one stops working and devices logged in with it are
     * disconnected). Who may register sensors in the sensor's centre may do this; others get 403 or 404.
     */
    public MqttLogin newMqttPassword(Principal who, long sensorId) throws SQLException {
        who.requireRole(REGISTRARS);
        Sensor s = visible(who, sensorId);
        MqttLogin login = credentials.issue(s.id());
        changes.mqttPasswordReplaced(s, login.username());
        return login;
    }

    /** The sensor when its centre is in the caller's scope; else {@link NotFoundException}. */
    public Sensor visible(Principal who, long sensorId) throws SQLException {
        who.requireRole(READERS);
        Sensor s = sensors.find(sensorId).orElse(null);
        if (s == null || centres.findVisible(who, s.centreId()).isEmpty()) {
            throw new NotFoundException("sensor " + sensorId + " not found");
        }
        return s;
    }

    /** The newest value of each metric and the last online/offline event of a sensor in scope. */
    public SensorLatest latest(Principal who, long sensorId) throws SQLException {
        Sensor s = visible(who, sensorId);
        return new SensorLatest(s, readings.latest(s.id()), readings.lastDeviceEvent(s.id()));
    }

    /** Readings of a sensor in scope: raw, or in buckets (null {@code bucket}: chosen for the range). */
    public ReadingQueries.Series readings(Principal who, long sensorId, Instant from, Instant to, Duration bucket) throws SQLException {
        Sensor s = visible(who, sensorId);
        return readings.series(s.id(), from, to, bucket);
    }
}
