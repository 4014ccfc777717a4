package org.carewatch.ui.console;

import io.vertx.ext.web.Router;
import java.util.List;

/**
 * A set of console pages: mounts its routes on the root router (wrapping its handlers with
 * {@link Console#signedIn()} and {@link Console#errors()}) and names its entries in the navigation. New page
 * features (the officer's patrol pages, the auditor's history, administration) are one more of these in the
 * wiring; a role's home is chosen among the mounted entries.
 */
public interface ConsoleFeature {
    void mount(Router root, Console console);

    default List<NavEntry> nav() {
        return List.of();
    }
}
