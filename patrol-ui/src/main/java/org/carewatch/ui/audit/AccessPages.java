package org.carewatch.ui.audit;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.carewatch.core.audit.AccessLog;
import org.carewatch.core.audit.AccessLogQuery;
import org.carewatch.core.audit.AccessLogService;
import org.carewatch.core.centres.Centre;
import org.carewatch.core.centres.CentreService;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.ui.auth.Auth;
import org.carewatch.ui.console.Console;
import org.carewatch.ui.console.ConsoleFeature;
import org.carewatch.ui.console.NavEntry;
import org.carewatch.ui.console.Option;
import org.carewatch.ui.console.Shell;
import org.carewatch.ui.i18n.Messages;

/**
 * The auditor's access log pages: {@code /audit/access} (who viewed or exported what, when, from where and why;
 * filters, keyset pages, the hash chain's verification) and {@code /audit/access.csv} (exactly the rows that page
 * shows, same filters and position). Who may read which rows is {@link AccessLogService}'s rule (auditors and
 * administrators, their district only); the handlers parse, call it and render.
 */
public final class AccessPages implements ConsoleFeature {
    public static final List<String> CSV_COLUMNS = List.of("id", "time", "username", "role", "action", "object_type", "object_id", "centre_id",
            "centre", "purpose", "client");

    private final AccessLogService accessLog;
    private final CentreService centres;

    public AccessPages(AccessLogService accessLog, CentreService centres) {
        this.accessLog = accessLog;
        this.centres = centres;
    }

    @Override
    public List<NavEntry> nav() {
        return List.of(new NavEntry("/audit/access", "nav.access", EnumSet.of(Role.AUDITOR, Role.ADMIN)));
    }

    @Override
    public void mount(Router root, Console c) {
        root.get("/audit/access").handler(c.signedIn()).handler(ctx -> page(ctx, c)).failureHandler(c.errors());
        root.get("/audit/access.csv").handler(c.signedIn()).handler(ctx -> csv(ctx, c)).failureHandler(c.errors());
    }

    private record Data(List<AccessLogQuery.Entry> entries, List<Centre> centres, AccessLog.Verification chain) {
    }

    /** One page: PAGE_SIZE + 1 rows are asked for, the extra one only says that older rows exist. */
    private void page(RoutingContext ctx, Console c) {
        Principal who = Auth.principal(ctx);
        AccessFilters f = AccessFilters.parse(ctx);
        var q = f.query(c.zone(), AccessFilters.PAGE_SIZE + 1);
        c.blocking().run(() -> {
            var entries = accessLog.list(who, q);
            return new Data(entries, centres.list(who, true), accessLog.verify(who));
        }).onSuccess(d -> {
            Shell shell = c.shell(ctx, "access.title");
            boolean more = d.entries().size() > AccessFilters.PAGE_SIZE;
            List<AccessRow> rows = rows(d, shell.m());
            String older = more ? "/audit/access" + f.query(rows.getLast().id()) : null;
            String newest = f.before() != null ? "/audit/access" + f.query((Long) null) : null;
            List<Option> centreOptions = d.centres().stream()
                    .map(x -> new Option(Long.toString(x.id()), x.name(), f.centre() != null && f.centre() == x.id())).toList();
            List<Option> actions = AccessLogService.ACTIONS.stream()
                    .map(a -> new Option(a, shell.t("access.action." + a), a.equals(f.action()))).toList();
            c.render(ctx, 200, "audit/access.jte", new AccessLogPage(shell, f, rows, older, newest, "/audit/access.csv" + f.query(f.before()),
                    centreOptions, actions, d.chain()));
        }).onFailure(ctx::fail);
    }

    private void csv(RoutingContext ctx, Console c) {
        Principal who = Auth.principal(ctx);
        AccessFilters f = AccessFilters.parse(ctx);
        var q = f.query(c.zone(), AccessFilters.PAGE_SIZE);
        c.blocking().run(() -> new Data(accessLog.list(who, q), centres.list(who, true), null)).onSuccess(d -> {
            StringBuilder out = new StringBuilder(Csv.line(CSV_COLUMNS));
            for (AccessRow r : rows(d, Messages.forRequest(ctx))) {
                out.append(Csv.line(List.of(Long.toString(r.id()), r.time().toString(), r.username(), r.role(), r.action(), r.objectType(),
                        Long.toString(r.objectId()), Long.toString(r.centreId()), r.centre(), r.purpose(), r.client())));
            }
            ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                    .putHeader("Content-Disposition", "attachment; filename=\"access-log.csv\"").end(out.toString());
        }).onFailure(ctx::fail);
    }

    private static List<AccessRow> rows(Data d, Messages m) {
        Map<Long, String> names = d.centres().stream().collect(Collectors.toMap(Centre::id, Centre::name, (a, b) -> a));
        return d.entries().stream().limit(AccessFilters.PAGE_SIZE).map(e -> AccessRow.of(e, names.get(e.centreId()), m)).toList();
    }
}
