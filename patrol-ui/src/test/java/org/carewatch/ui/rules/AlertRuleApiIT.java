package org.carewatch.ui.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.carewatch.alerts.engine.AlertEngine;
import org.carewatch.alerts.engine.SensorReading;
import org.carewatch.app.CareWatchApp;
import org.carewatch.app.Http;
import org.carewatch.app.TestApp;
import org.carewatch.core.testing.TestData;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.core.users.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/v1/centres/{id}/alert-rules} over real HTTP on a whole node: the effective rules, who may
 * change them, input checks, the change record, and the running engine judging the next reading by a
 * changed threshold.
 */
class AlertRuleApiIT {
    @TempDir
    static Path dataDir;
    static TestDatabase db;
    static CareWatchApp app;
    static Http http;
    static long centreA1;
    static long centreA2;
    static long centreA3;
    static long centreB1;
    static long airSensor;
    static long smokeSensor;
    static String admin;
    static String officer;
    static String auditor;
    static String facility;
    static String adminB;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create();
        app = TestApp.start(db, dataDir);
        http = new Http(app.httpPort());
        var data = new TestData(app.store().dataSource());
        long a = data.district("A");
        long b = data.district("B");
        centreA1 = data.centre(a, "A1");
        centreA2 = data.centre(a, "A2");
        centreA3 = data.centre(a, "A3");
        centreB1 = data.centre(b, "B1");
        data.user("admin-a", "pw-admin", Role.ADMIN, a);
        data.user("officer-a", "pw-officer", Role.OFFICER, a);
        data.user("auditor-a", "pw-auditor", Role.AUDITOR, a);
        data.user("facility-a1", "pw-facility", Role.FACILITY, centreA1);
        data.user("admin-b", "pw-admin", Role.ADMIN, b);
        admin = http.token("admin-a", "pw-admin");
        officer = http.token("officer-a", "pw-officer");
        auditor = http.token("auditor-a", "pw-auditor");
        facility = http.token("facility-a1", "pw-facility");
        adminB = http.token("admin-b", "pw-admin");
        airSensor = sensor(centreA1, "z2m-air-quality", "A1.air-1");
        smokeSensor = sensor(centreA1, "z2m-smoke", "A1.smoke-1");
    }

    static long sensor(long centre, String profile, String key) {
        var r = http.post("/api/v1/centres/" + centre + "/sensors", admin,
                "{\"name\":\"" + key + "\",\"profileId\":\"" + profile + "\",\"deviceKey\":\"" + key + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        db.close();
    }

    static String rules(long centre) {
        return "/api/v1/centres/" + centre + "/alert-rules";
    }

    static JsonNode rule(JsonNode list, String profile, String id) {
        for (JsonNode p : list.get("profiles")) {
            if (p.get("profileId").asText().equals(profile)) {
                for (JsonNode r : p.get("rules")) {
                    if (r.get("id").asText().equals(id)) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no rule " + profile + "/" + id + " in " + list);
    }

    static void assertError(Http.Response r, int status, String code, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(r.json().get("error").asText()).isEqualTo(code);
        assertThat(r.json().get("message").asText()).isNotBlank();
        if (field != null) {
            assertThat(r.json().get("field").asText()).isEqualTo(field);
        }
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("org.carewatch.");
    }

    @Test
    void listsTheProfilesRulesOfTheCentresSensors() {
        var list = http.get(rules(centreA1), facility);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().get("profiles")).extracting(p -> p.get("profileId").asText()).contains("z2m-air-quality", "z2m-smoke");
        JsonNode co2 = rule(list.json(), "z2m-air-quality", "co2-critical");
        assertThat(co2.get("condition").asText()).isEqualTo("above");
        assertThat(co2.get("threshold").asDouble()).isEqualTo(1500);
        assertThat(co2.get("clearThreshold").asDouble()).isEqualTo(1400);
        assertThat(co2.get("for").asText()).isEqualTo("PT10M");
        assertThat(co2.get("severity").asText()).isEqualTo("critical");
        assertThat(co2.get("schedule").asText()).isEqualTo("opening-hours");
        assertThat(co2.get("enabled").asBoolean()).isTrue();
        assertThat(co2.get("overridden").asBoolean()).isFalse();
        // A centre without sensors has no rules; other districts' centres are not found.
        assertThat(http.get(rules(centreA2), admin).json().get("profiles")).isEmpty();
        assertError(http.get(rules(centreB1), admin), 404, "not_found", null);
        assertError(http.get(rules(centreA2), facility), 404, "not_found", null);
    }

    @Test
    void aChangedThresholdIsUsedByTheRunningEngineForTheNextReading() {
        AlertEngine engine = app.alertEngine();
        String key = AlertEngine.sensorKey(airSensor, "pm25-high");
        // The profile's pm25-high fires above 75 after 30 minutes: 50 is nothing.
        engine.onReading(new SensorReading(centreA1, airSensor, "z2m-air-quality", "pm25", 50, Instant.now()));
        assertThat(engine.phase(key)).isNull();

        var put = http.put(rules(centreA1) + "/z2m-air-quality/pm25-high", officer,
                "{\"threshold\":40,\"clearThreshold\":30,\"for\":\"PT0S\",\"severity\":\"major\"}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("threshold").asDouble()).isEqualTo(40);
        assertThat(put.json().get("overridden").asBoolean()).isTrue();
        assertThat(put.json().get("overriddenFields")).extracting(JsonNode::asText).containsExactly("threshold", "clearThreshold", "for", "severity");
        assertThat(put.json().at("/profileDefault/threshold").asDouble()).isEqualTo(75);
        JsonNode listed = rule(http.get(rules(centreA1), facility).json(), "z2m-air-quality", "pm25-high");
        assertThat(listed.get("threshold").asDouble()).isEqualTo(40);
        assertThat(listed.get("severity").asText()).isEqualTo("major");

        engine.onReading(new SensorReading(centreA1, airSensor, "z2m-air-quality", "pm25", 50, Instant.now()));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode items = http.get("/api/v1/alerts?centre=" + centreA1 + "&source=sensor&kind=pm25-high", admin).json().get("items");
            assertThat(items).hasSize(1);
            assertThat(items.get(0).get("severity").asText()).isEqualTo("major");
            assertThat(items.get(0).at("/detail/threshold").asDouble()).isEqualTo(40);
        });

        // Back to the profile's rule: 50 is under its clear threshold (60) again.
        var del = http.delete(rules(centreA1) + "/z2m-air-quality/pm25-high", admin);
        assertThat(del.status()).as(del.body()).isEqualTo(200);
        assertThat(del.json().get("overridden").asBoolean()).isFalse();
        assertThat(del.json().get("threshold").asDouble()).isEqualTo(75);
        assertError(http.delete(rules(centreA1) + "/z2m-air-quality/pm25-high", admin), 404, "not_found", null);
        engine.onReading(new SensorReading(centreA1, airSensor, "z2m-air-quality", "pm25", 50, Instant.now()));
        await().atMost(Duration.ofSeconds(15)).until(() -> engine.phase(key) == null);
    }

    @Test
    void aDisabledRuleRaisesNothingAndEveryChangeIsRecorded() throws Exception {
        var off = http.put(rules(centreA1) + "/z2m-smoke/tamper", admin, "{\"enabled\":false}");
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        assertThat(off.json().get("enabled").asBoolean()).isFalse();
        assertThat(off.json().get("overriddenFields")).extracting(JsonNode::asText).containsExactly("enabled");
        AlertEngine engine = app.alertEngine();
        engine.onReading(new SensorReading(centreA1, smokeSensor, "z2m-smoke", "tamper", 1, Instant.now()));
        assertThat(engine.phase(AlertEngine.sensorKey(smokeSensor, "tamper"))).isNull();

        var changes = http.get(rules(centreA1) + "/changes", auditor);
        assertThat(changes.status()).as(changes.body()).isEqualTo(200);
        JsonNode newest = changes.json().get("items").get(0);
        assertThat(newest.get("username").asText()).isEqualTo("admin-a");
        assertThat(newest.get("action").asText()).isEqualTo("rule_override.set");
        assertThat(newest.get("object").asText()).isEqualTo(centreA1 + "/z2m-smoke/tamper");
        assertThat(newest.at("/after/enabled").asBoolean()).isFalse();
        assertThat(http.delete(rules(centreA1) + "/z2m-smoke/tamper", officer).status()).isEqualTo(200);
        newest = http.get(rules(centreA1) + "/changes", admin).json().get("items").get(0);
        assertThat(newest.get("action").asText()).isEqualTo("rule_override.delete");
        assertThat(newest.get("username").asText()).isEqualTo("officer-a");
        assertThat(newest.at("/before/enabled").asBoolean()).isFalse();
        assertThat(http.get(rules(centreA1) + "/changes", facility).status()).isEqualTo(403);
        // The record is append-only.
        try (var c = app.store().connection(); var st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute("UPDATE alert_config_changes SET username = 'someone-else'"))
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void onlyAdministratorsAndOfficersOfTheDistrictMayChangeRules() {
        String path = rules(centreA1) + "/z2m-smoke/smoke";
        String silence = "{\"enabled\":false}";
        assertError(http.get(rules(centreA1), null), 401, "unauthenticated", null);
        assertError(http.put(path, null, silence), 401, "unauthenticated", null);
        assertError(http.delete(path, null), 401, "unauthenticated", null);
        assertError(http.put(path, "not-a-token", silence), 401, "unauthenticated", null);
        // A facility cannot silence its own smoke alarm, nor can an auditor; another district cannot see the centre.
        assertError(http.put(path, facility, silence), 403, "forbidden", null);
        assertError(http.delete(path, facility), 403, "forbidden", null);
        assertError(http.put(path, auditor, silence), 403, "forbidden", null);
        assertError(http.put(path, adminB, silence), 404, "not_found", null);
        assertThat(rule(http.get(rules(centreA1), admin).json(), "z2m-smoke", "smoke").get("enabled").asBoolean()).isTrue();
        AlertEngine engine = app.alertEngine();
        engine.onReading(new SensorReading(centreA1, smokeSensor, "z2m-smoke", "smoke", 1, Instant.now()));
        await().atMost(Duration.ofSeconds(15)).until(() ->
                http.get("/api/v1/alerts?centre=" + centreA1 + "&kind=smoke", admin).json().get("items").size() == 1);
    }

    @Test
    void badInputIsAnsweredWithTheFieldNamed() {
        String co2 = rules(centreA1) + "/z2m-air-quality/co2-critical";
        assertError(http.put(co2, admin, "{\"threshold\":"), 400, "invalid_json", null);
        assertError(http.put(co2, admin, ""), 400, "invalid_json", null);
        assertError(http.put(co2, admin, "[1,2]"), 400, "invalid_json", null);
        assertError(http.put(co2, admin, "{\"threshold\":\"abc\"}"), 400, "invalid_field", "threshold");
        assertError(http.put(co2, admin, "{\"threshold\":{\"$gt\":1}}"), 400, "invalid_field", "threshold");
        assertError(http.put(co2, admin, "{\"enabled\":\"maybe\"}"), 400, "invalid_field", "enabled");
        assertError(http.put(co2, admin, "{\"for\":\"ten minutes\"}"), 400, "invalid_field", "for");
        assertError(http.put(co2, admin, "{\"for\":\"-PT5M\"}"), 400, "invalid_field", "for");
        assertError(http.put(co2, admin, "{\"severity\":\"apocalyptic\"}"), 400, "invalid_field", "severity");
        assertError(http.put(co2, admin, "{\"schedule\":\"'; DROP TABLE alert_rule_overrides; --\"}"), 400, "invalid_field", "schedule");
        assertError(http.put(co2, admin, "{\"sneaky\":1}"), 400, "invalid_field", "sneaky");
        // Contradictions the rule kind makes checkable.
        assertError(http.put(co2, admin, "{\"threshold\":1500,\"clearThreshold\":1600}"), 422, "unprocessable", "clearThreshold");
        assertError(http.put(co2, admin, "{\"threshold\":1000}"), 422, "unprocessable", "threshold");
        assertError(http.put(rules(centreA1) + "/z2m-smoke/smoke", admin, "{\"threshold\":1}"), 422, "unprocessable", "threshold");
        // Unknown ids, hostile ones included.
        assertError(http.put(rules(centreA1) + "/no-such-profile/co2-critical", admin, "{}"), 404, "not_found", null);
        assertError(http.put(rules(centreA1) + "/z2m-air-quality/no-such-rule", admin, "{}"), 404, "not_found", null);
        String hostile = URLEncoder.encode("<script>alert(1)</script>'\"; DROP TABLE centres; --", StandardCharsets.UTF_8);
        assertError(http.put(rules(centreA1) + "/" + hostile + "/x", admin, "{}"), 404, "not_found", null);
        assertError(http.delete(rules(centreA1) + "/z2m-smoke/" + hostile, admin), 404, "not_found", null);
        assertError(http.put(rules(999_999) + "/z2m-smoke/smoke", admin, "{}"), 404, "not_found", null);
        assertError(http.get("/api/v1/centres/abc/alert-rules", admin), 400, "invalid_field", "id");
        assertError(http.put("/api/v1/centres/-1/alert-rules/z2m-smoke/smoke", admin, "{}"), 400, "invalid_field", "id");
        // Nothing of the refused requests was saved.
        assertThat(rule(http.get(rules(centreA1), admin).json(), "z2m-air-quality", "co2-critical").get("overridden").asBoolean()).isFalse();
    }

    @Test
    void theApiDescriptionListsTheNewPaths() {
        assertThat(http.get("/api/v1/openapi.yaml", null).body()).contains("/centres/{id}/alert-rules:", "/centres/{id}/alert-rules/changes:",
                "/centres/{id}/alert-rules/{profileId}/{ruleId}:", "/webhooks:", "/webhooks/{id}:", "/webhooks/{id}/dead-letters:",
                "/webhooks/{id}/test:");
    }

    @Test
    void aProfileNotYetInstalledMayBePreparedAndIsListed() {
        var r = http.put(rules(centreA3) + "/z2m-water-leak/leak", admin, "{\"severity\":\"critical\"}");
        if (r.status() == 404) {
            throw new AssertionError("expected profile z2m-water-leak with rule leak: " + r.body());
        }
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode profiles = http.get(rules(centreA3), admin).json().get("profiles");
        assertThat(profiles).singleElement().satisfies(p -> {
            assertThat(p.get("profileId").asText()).isEqualTo("z2m-water-leak");
            assertThat(p.get("sensorIds")).isEmpty();
        });
    }
}
