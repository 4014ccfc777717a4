package org.carewatch.ui.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.carewatch.alerts.model.AlertState;

/**
 * Fuzzes query strings and path ids: decoding (as the server does) and {@link QueryParams}' edge check and
 * typed readers, and {@link PathIds}, either give a value within its documented range or throw a 400
 * {@link ApiError} naming the parameter; never another exception. Regression mode in every build,
 * {@code JAZZER_FUZZ=1} to fuzz (README "Fuzzing").
 */
class QueryParamsFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void query(byte[] input) {
        String raw = new String(input, StandardCharsets.UTF_8);
        MultiMap params = MultiMap.caseInsensitiveMultiMap();
        try {
            new QueryStringDecoder(raw, StandardCharsets.UTF_8, false).parameters().forEach(params::add);
        } catch (IllegalArgumentException e) {
            return; // the guard answers 400: not valid percent-encoding
        }
        try {
            QueryParams.checkParams(params);
        } catch (ApiError e) {
            assertBadRequest(e);
            return;
        }
        for (var e : params) {
            String v = QueryParams.strip(e.getValue());
            String name = e.getKey();
            read(() -> {
                Instant i = QueryParams.instant(v, name);
                if (i != null) {
                    assertThat(i).isBetween(QueryParams.MIN_INSTANT, QueryParams.MAX_INSTANT);
                }
            });
            read(() -> {
                var d = QueryParams.duration(v, name);
                if (d != null) {
                    assertThat(d.isNegative() || d.isZero()).isFalse();
                }
            });
            read(() -> {
                Long l = QueryParams.longValue(v, name, 1, 1000);
                if (l != null) {
                    assertThat(l).isBetween(1L, 1000L);
                }
            });
            read(() -> QueryParams.longValue(v, name, Long.MIN_VALUE, Long.MAX_VALUE));
            read(() -> QueryParams.enumValue(v, name, AlertState.class));
            read(() -> QueryParams.text(v, name, 100));
            read(() -> QueryParams.flag(v, name));
            read(() -> assertThat(PathIds.id(e.getValue(), "id")).isPositive());
        }
    }

    private static void read(Runnable r) {
        try {
            r.run();
        } catch (ApiError e) {
            assertBadRequest(e);
        }
    }

    private static void assertBadRequest(ApiError e) {
        assertThat(e.status()).isEqualTo(400);
        if (e.code().equals("invalid_field")) {
            assertThat(e.field()).isNotNull();
        }
    }
}
