package org.carewatch.ui.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every error code the API can answer has a message in both languages: the codes are read from the main
 * sources (every {@code new ApiError(status, "code", ...)}, {@code ApiError.badRequest("code", ...)} and
 * {@code "error", "code"} answer), so a new code without its two messages fails the build.
 */
class ErrorMessagesTest {
    private static final Pattern[] CODE_USES = {
            Pattern.compile("new ApiError\\(\\s*\\d{3}\\s*,\\s*\"([a-z_]+)\""),
            Pattern.compile("badRequest\\(\\s*\"([a-z_]+)\""),
            Pattern.compile("\"error\"\\s*,\\s*\"([a-z_]+)\""),
    };

    static Set<String> codesInMainSources() throws IOException {
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String src = Files.readString(f);
                for (Pattern p : CODE_USES) {
                    Matcher m = p.matcher(src);
                    while (m.find()) {
                        codes.add(m.group(1));
                    }
                }
            }
        }
        return codes;
    }

    @Test
    void everyErrorCodeHasAMessageInChineseAndEnglish() throws IOException {
        Set<String> codes = codesInMainSources();
        // The scan must find the codes we know are there, or it proves nothing.
        assertThat(codes).contains("invalid_field", "invalid_json", "unauthenticated", "forbidden", "camera_unavailable", "camera_timeout",
                "busy", "internal", "not_ready");
        for (Locale locale : new Locale[] {Locale.ENGLISH, Messages.ZH}) {
            Messages m = Messages.of(locale);
            for (String code : codes) {
                String key = "error." + code;
                assertThat(m.has(key)).as("%s has %s", locale, key).isTrue();
                assertThat(m.get(key)).as("%s %s", locale, key).isNotBlank().doesNotContain("error.");
            }
        }
    }

    @Test
    void theTwoBundlesHaveTheSameKeys() {
        var en = java.util.ResourceBundle.getBundle("org.carewatch.ui.i18n.messages", Locale.ENGLISH,
                java.util.ResourceBundle.Control.getNoFallbackControl(java.util.ResourceBundle.Control.FORMAT_PROPERTIES));
        var zh = java.util.ResourceBundle.getBundle("org.carewatch.ui.i18n.messages", Messages.ZH,
                java.util.ResourceBundle.Control.getNoFallbackControl(java.util.ResourceBundle.Control.FORMAT_PROPERTIES));
        assertThat(new TreeSet<>(zh.keySet())).isEqualTo(new TreeSet<>(en.keySet()));
    }
}
