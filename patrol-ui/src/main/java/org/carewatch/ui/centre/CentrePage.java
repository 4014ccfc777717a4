package org.carewatch.ui.centre;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import org.carewatch.alerts.lifecycle.AlertService;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.ui.alerts.AlertRow;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.console.Console;
import org.carewatch.ui.console.ConsoleFeature;
import org.carewatch.ui.console.NavEntry;
import org.carewatch.ui.console.Shell;

/**
 * {@code /centre}: facility staff's home. Their centre's open findings and alerts, most urgent first, each with
 * its answer deadline (一事一反馈); refreshed live when an alert of the centre changes. The list comes from
 * {@link AlertService#centreQueue}, which admits facility staff only (403 for other roles) and shows nothing
 * of who in the district follows the centre up.
 */
public final class CentrePage implements ConsoleFeature {
    private final AlertService alerts;

    public CentrePage(AlertService alerts) {
        this.alerts = alerts;
    }

    /** The model of centre/home.jte. */
    public record CentreHome(Shell shell, String centreName, List<AlertRow> waiting, List<AlertRow> answered, String done) {
    }

    @Override
    public List<NavEntry> nav() {
        return List.of(new NavEntry("/centre", "nav.centre", Set.of(Role.FACILITY)));
    }

    @Override
    public void mount(Router root, Console c) {
        root.get("/centre").handler(c.signedIn()).handler(ctx -> home(ctx, c)).failureHandler(c.errors());
    }

    private void home(RoutingContext ctx, Console c) {
        Principal who = Auth.principal(ctx);
        String done = ctx.request().getParam("done");
        c.blocking().run(() -> alerts.centreQueue(who)).onSuccess(q -> {
            Shell shell = c.shell(ctx, "centre.title", q.centre().name());
            var locale = shell.m().locale();
            List<AlertRow> rows = q.open().stream().map(a -> AlertRow.of(a, locale, q.centre().name())).toList();
            c.render(ctx, 200, "centre/home.jte", new CentreHome(shell, q.centre().name(),
                    rows.stream().filter(AlertRow::waitingForCentre).toList(),
                    rows.stream().filter(r -> !r.waitingForCentre()).toList(),
                    "answer".equals(done) ? shell.t("alert.done.answer") : null));
        }).onFailure(ctx::fail);
    }
}
