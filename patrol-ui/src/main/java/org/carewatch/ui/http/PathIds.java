package org.carewatch.ui.http;

import io.vertx.ext.web.RoutingContext;

/** Reads numeric path ids, answering 400 (naming the parameter) for anything else. */
public final class PathIds {
    private PathIds() {
    }

    public static long id(RoutingContext ctx) {
        return id(ctx, "id");
    }

    public static long id(RoutingContext ctx, String name) {
        return id(ctx.pathParam(name), name);
    }

    public static long id(String raw, String name) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw ApiError.badRequest("invalid_field", "path parameter '" + name + "' must be a positive whole number, got '" + raw + "'", name);
    }
}
