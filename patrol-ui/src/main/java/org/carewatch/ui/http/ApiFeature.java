package org.carewatch.ui.http;

import io.vertx.ext.web.Router;

/**
 * A feature's HTTP routes: it mounts them on the router it is given (the {@code /api/v1} router for API
 * features, the root router for health). The wiring decides which features a node serves, so this toolkit
 * package knows none of them.
 */
@FunctionalInterface
public interface ApiFeature {
    void mount(Router router);

    /** Routes of this feature whose bodies may be larger than {@code http.maxBodyBytes} (few: file uploads). */
    default java.util.List<BodyLimits.Large> largeBodies() {
        return java.util.List.of();
    }
}
