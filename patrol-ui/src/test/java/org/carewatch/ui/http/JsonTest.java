package org.carewatch.ui.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.carewatch.core.cameras.CameraInput;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.ui.alerts.FindingBody;
import org.junit.jupiter.api.Test;

/** The edge check of request bodies: every bad input is a 400 naming its field. */
class JsonTest {
    record Login(String username, String password) {
    }

    private static ApiError refused(String body, Class<?> type) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> Json.read(body.getBytes(StandardCharsets.UTF_8), type));
        assertThat(t).as(body).isInstanceOf(ApiError.class);
        ApiError e = (ApiError) t;
        assertThat(e.status()).isEqualTo(400);
        return e;
    }

    @Test
    void nulInAnyTextIsRefusedNamingTheField() {
        assertThat(refused("{\"username\":\"a\\u0000b\",\"password\":\"x\"}", Login.class).field()).isEqualTo("username");
        assertThat(refused("{\"name\":\"cam\",\"privacyMasks\":[],\"path\":\"/x\\u0000\"}", CameraInput.class).field()).isEqualTo("path");
    }

    @Test
    void aTwoThousandDigitNumberIsRefusedNamingTheField() {
        ApiError e = refused("{\"username\":" + "9".repeat(2000) + ",\"password\":\"x\"}", Login.class);
        assertThat(e.field()).isEqualTo("username");
        assertThat(e.detail()).contains("too long");
        assertThat(refused("{\"centreId\":" + "9".repeat(30) + "}", FindingBody.class).field()).isEqualTo("centreId");
        assertThat(refused("{\"name\":\"c\",\"port\":1e400}", CameraInput.class).field()).isEqualTo("port");
        assertThat(refused("{\"name\":\"c\",\"port\":3000000000}", CameraInput.class).field()).isEqualTo("port");
    }

    @Test
    void fractionsAreNotWholeNumbers() {
        ApiError e = refused("{\"centreId\":1.5,\"kind\":\"x\"}", FindingBody.class);
        assertThat(e.field()).isEqualTo("centreId");
        assertThat(e.detail()).contains("whole number");
    }

    @Test
    void malformedTrailingAndDeepBodiesAre400s() {
        assertThat(refused("{\"username\":", Login.class).code()).isEqualTo("invalid_json");
        assertThat(refused("{} {}", Login.class).code()).isEqualTo("invalid_json");
        assertThat(refused("[1]", Login.class).code()).isEqualTo("invalid_json");
        assertThat(refused("[".repeat(100) + "]".repeat(100), Login.class).code()).isEqualTo("invalid_json");
        assertThat(refused("{\"username\":{\"a\":" + "[".repeat(60) + "]".repeat(60) + "}}", Login.class).field()).startsWith("username");
    }

    @Test
    void portsOutOfRangeAreTheRecordsOwn400() {
        CameraInput in = Json.read("{\"name\":\"c\",\"port\":99999}".getBytes(StandardCharsets.UTF_8), CameraInput.class);
        assertThat(in.port()).isEqualTo(99999); // read as given: the camera service refuses it naming 'port'
        assertThatThrownBy(() -> Json.read("{\"area\":\"toilet\"}".getBytes(StandardCharsets.UTF_8), CameraInput.class))
                .isInstanceOf(InvalidInputException.class);
    }
}
