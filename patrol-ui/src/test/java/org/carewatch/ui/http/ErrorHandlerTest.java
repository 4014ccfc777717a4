package org.carewatch.ui.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.carewatch.ui.i18n.Messages;
import org.junit.jupiter.api.Test;

class ErrorHandlerTest {
    @Test
    void aCodeWithoutAMessageShowsTheGenericTextNeverTheRawKey() {
        for (Locale l : new Locale[] {Locale.ENGLISH, Messages.ZH}) {
            Messages m = Messages.of(l);
            String client = ErrorHandler.message(m, new ApiError(400, "no_such_code_anywhere", null, null));
            String server = ErrorHandler.message(m, new ApiError(503, "no_such_code_either", null, null));
            assertThat(client).isEqualTo(m.get("error.invalid_request")).doesNotContain("error.", "no_such_code");
            assertThat(server).isEqualTo(m.get("error.unavailable")).doesNotContain("error.", "no_such_code");
        }
    }

    @Test
    void cameraErrorsAreLocalised() {
        assertThat(ErrorHandler.message(Messages.of(Locale.ENGLISH), new ApiError(503, "camera_unavailable", null, null)))
                .isEqualTo("The camera cannot be reached now");
        assertThat(ErrorHandler.message(Messages.of(Messages.ZH), new ApiError(504, "camera_timeout", null, null)))
                .isEqualTo("摄像机未能及时响应");
    }
}
