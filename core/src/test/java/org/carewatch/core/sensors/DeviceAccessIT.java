package org.carewatch.core.sensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Map;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.mqtt.BrokerAccess.Grant;
import org.carewatch.core.mqtt.MqttLogin;
import org.carewatch.core.store.Store;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.profiles.catalog.ProfileCatalog;
import org.junit.jupiter.api.Test;

/**
 * The embedded broker's rule on a real registry: who gets in and may publish where, and what happens to a
 * device's login while PostgreSQL is away (what the last lookup found still counts; unknown logins wait).
 */
class DeviceAccessIT {
    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decidesEachConnectionAndOutlivesAStoreOutageForKnownDevices() throws Exception {
        TestDatabase db = TestDatabase.create();
        Store store = Store.open(ConfigLoader.load(null, Map.of()).store(), db.jdbcUrl(), db.user(), db.password(), null);
        try {
            var ds = store.dataSource();
            var data = new TestData(ds);
            long centre = data.centre(data.district("A"), "A1");
            var catalog = ProfileCatalog.builtIn();
            var sensors = new SensorRepository(ds, catalog::sensor);
            var logins = new DeviceCredentialRepository(ds);
            long fridge = sensors.create(centre, new SensorInput("Fridge", "z2m-temperature-humidity", "A1.fridge", null, "", null)).id();
            long off = sensors.create(centre, new SensorInput("Old", "z2m-door-contact", "A1.old", null, "", false)).id();
            long later = sensors.create(centre, new SensorInput("Later", "z2m-door-contact", "A1.later", null, "", null)).id();
            MqttLogin fridgeLogin = logins.issue(fridge);
            MqttLogin offLogin = logins.issue(off);
            MqttLogin laterLogin = logins.issue(later);
            var access = new DeviceAccess(new MqttLogin("cw", "internal-secret"), "cw", logins, sensors, catalog::sensor);

            Grant g = access.authenticate("dev-1", fridgeLogin.username(), b(fridgeLogin.password()));
            assertThat(g.allowed()).isTrue();
            assertThat(g.everything()).isFalse();
            assertThat(g.publish()).containsExactly("zigbee2mqtt/A1.fridge", "zigbee2mqtt/A1.fridge/availability");
            assertThat(access.authenticate("dev-1", fridgeLogin.username(), b("wrong")).badLogin()).isTrue();
            assertThat(access.authenticate("dev-1", null, null).badLogin()).isTrue();
            assertThat(access.authenticate("dev-1", "sensor-0", b(fridgeLogin.password())).badLogin()).isTrue();
            Grant inactive = access.authenticate("dev-2", offLogin.username(), b(offLogin.password()));
            assertThat(inactive.allowed()).isFalse();
            assertThat(inactive.badLogin()).isFalse();
            Grant reserved = access.authenticate("cw-node", fridgeLogin.username(), b(fridgeLogin.password()));
            assertThat(reserved.allowed()).isFalse();
            assertThat(reserved.refusal()).contains("reserved");
            assertThat(access.authenticate("cw-node", "cw", b("internal-secret")).everything()).isTrue();
            assertThat(access.authenticate("anything", "cw", b("internal-secret ")).badLogin()).isTrue();

            // The store goes away: the fridge (looked up before) still gets in with its password only; a device
            // never looked up cannot be checked; CareWatch's own login needs no store.
            store.close();
            assertThat(access.authenticate("dev-1", fridgeLogin.username(), b(fridgeLogin.password())).publish())
                    .containsExactly("zigbee2mqtt/A1.fridge", "zigbee2mqtt/A1.fridge/availability");
            assertThat(access.authenticate("dev-1", fridgeLogin.username(), b("wrong")).badLogin()).isTrue();
            assertThat(access.authenticate("dev-2", offLogin.username(), b(offLogin.password())).allowed()).isFalse();
            assertThatThrownBy(() -> access.authenticate("dev-3", laterLogin.username(), b(laterLogin.password())))
                    .isInstanceOf(SQLException.class);
            assertThat(access.authenticate("cw-node", "cw", b("internal-secret")).everything()).isTrue();
            access.forget(fridgeLogin.username());
            assertThatThrownBy(() -> access.authenticate("dev-1", fridgeLogin.username(), b(fridgeLogin.password())))
                    .isInstanceOf(SQLException.class);
        } finally {
            store.close();
            db.close();
        }
    }
}
