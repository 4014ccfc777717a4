package org.carewatch.ui.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.carewatch.core.cameras.CameraInput;
import org.carewatch.core.centres.CentreInput;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.sensors.SensorInput;
import org.carewatch.ui.alerts.AlertActionBody;
import org.carewatch.ui.alerts.FindingBody;
import org.carewatch.ui.rules.RuleOverrideBody;
import org.carewatch.ui.webhooks.WebhookBody;

/**
 * Fuzzes request bodies: {@link Json#read} into every body record the API reads either gives a value
 * (without NUL characters: PostgreSQL cannot store them) or a 400 ({@link ApiError}, or a record's own
 * {@link InvalidInputException}) naming the field when it is about one; never another exception. Regression
 * mode in every build, {@code JAZZER_FUZZ=1} to fuzz (README "Fuzzing").
 */
class JsonBodyFuzzTest {
    static final List<Class<?>> BODIES = bodies();

    private static List<Class<?>> bodies() {
        try {
            return List.of(Class.forName("org.carewatch.ui.auth.TokenRoutes$SignIn"), CentreInput.class, CameraInput.class,
                    SensorInput.class, FindingBody.class, AlertActionBody.class, RuleOverrideBody.class, WebhookBody.class);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /** Byte 0 picks the body type; the rest is the body. */
    @FuzzTest(maxDuration = "2m")
    void body(byte[] input) {
        if (input.length < 1) {
            return;
        }
        Class<?> type = BODIES.get(Byte.toUnsignedInt(input[0]) % BODIES.size());
        byte[] body = java.util.Arrays.copyOfRange(input, 1, input.length);
        Object value;
        try {
            value = Json.read(body, type);
        } catch (ApiError e) {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isIn("invalid_json", "invalid_field");
            if (e.code().equals("invalid_field")) {
                assertThat(e.field()).isNotBlank();
            }
            return;
        } catch (InvalidInputException e) {
            assertThat(e.field()).isNotBlank();
            return;
        }
        assertThat(value).isNotNull();
        assertThat(String.valueOf(value)).doesNotContain("\0");
        if (value instanceof CentreInput c) {
            try {
                c.validateForCreate();
            } catch (InvalidInputException expected) {
                // the record's own rule, a 400 naming the field
            }
        }
    }
}
