package org.carewatch.ui.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the API description, {@code /api/v1/openapi.yaml}, kept beside the code it describes. */
public final class OpenApiRoutes {
    private final Buffer spec;

    public OpenApiRoutes() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream("/org/carewatch/ui/openapi.yaml")) {
            spec = Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void mount(Router api) {
        api.get("/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(spec));
    }
}
