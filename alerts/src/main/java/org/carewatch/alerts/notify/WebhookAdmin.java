package org.carewatch.alerts.notify;

import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.carewatch.alerts.changes.ConfigChanges;
import org.carewatch.core.errors.ForbiddenException;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.store.Transactions;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;

/**
 * Webhooks and who may manage them: administrators only, each for their own district. Webhooks for every
 * district (district null, set up by the operator) are shown read-only; another district's webhooks are
 * {@link NotFoundException} (404); any other role is {@link ForbiddenException} (403), checked first.
 * Changes are saved with their {@link ConfigChanges} record in one transaction, then the dispatcher
 * re-reads its targets. The secret is write-only: callers get its fingerprint.
 */
public final class WebhookAdmin {
    private static final Role[] MANAGERS = {Role.ADMIN};

    private final DataSource ds;
    private final WebhookRepository repo;
    private final WebhookDispatcher dispatcher;
    private final Clock clock;

    public WebhookAdmin(DataSource ds, WebhookRepository repo, WebhookDispatcher dispatcher, Clock clock) {
        this.ds = ds;
        this.repo = repo;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** A webhook as a caller sees it; {@code readOnly} when it is not the caller's district's (it serves every district). */
    public record View(WebhookInfo info, boolean readOnly) {
    }

    /** The webhooks of the caller's district and those for every district, oldest first. */
    public List<View> list(Principal who) throws SQLException {
        long district = district(who);
        return repo.listVisible(district).stream().map(i -> view(i, district)).toList();
    }

    /** A new webhook for the caller's district (active unless {@code active} is false). */
    public View create(Principal who, WebhookInput in) throws SQLException {
        long district = district(who);
        String url = in.checkedUrl(true);
        String secret = in.checkedSecret(true);
        dispatcher.checkUrl(url);
        if (in.districtId() != null && in.districtId() != district) {
            throw new ForbiddenException("districtId", "administrators manage the webhooks of their own district only (" + district + ")");
        }
        boolean active = in.active() == null || in.active();
        WebhookInfo i = Transactions.inTransaction(ds, c -> {
            WebhookInfo created = repo.insert(c, district, url, secret, active);
            ConfigChanges.record(c, who, ConfigChanges.WEBHOOK_CREATE, Long.toString(created.id()), district, null, null, describe(created));
            return created;
        });
        dispatcher.reload();
        return view(i, district);
    }

    public View read(Principal who, long id) throws SQLException {
        long district = district(who);
        return view(visible(id, district), district);
    }

    /** Changes the given fields (null: keep) of one of the district's own webhooks; the district cannot change. */
    public View update(Principal who, long id, WebhookInput in) throws SQLException {
        long district = district(who);
        String url = in.checkedUrl(false);
        String secret = in.checkedSecret(false);
        if (url != null) {
            dispatcher.checkUrl(url);
        }
        WebhookInfo current = modifiable(id, district);
        if (in.districtId() != null && !in.districtId().equals(current.districtId())) {
            throw new InvalidInputException("districtId", "cannot be changed; create a webhook for the other district");
        }
        WebhookInfo i = Transactions.inTransaction(ds, c -> {
            WebhookInfo before = repo.find(c, id, true).orElseThrow(() -> notFound(id));
            WebhookInfo after = repo.update(c, id, url, secret, in.active());
            ConfigChanges.record(c, who, ConfigChanges.WEBHOOK_UPDATE, Long.toString(id), before.districtId(), null, describe(before),
                    describe(after));
            return after;
        });
        dispatcher.reload();
        return view(i, district);
    }

    /** Deletes one of the district's own webhooks (its dead letters are kept). */
    public void delete(Principal who, long id) throws SQLException {
        long district = district(who);
        modifiable(id, district);
        Transactions.inTransaction(ds, c -> {
            WebhookInfo before = repo.find(c, id, true).orElseThrow(() -> notFound(id));
            repo.delete(c, id);
            ConfigChanges.record(c, who, ConfigChanges.WEBHOOK_DELETE, Long.toString(id), before.districtId(), null, describe(before), null);
            return null;
        });
        dispatcher.reload();
    }

    /**
     * A visible webhook's dead letters, newest first, limited to alerts of the caller's district (a webhook
     * for every district also carries other districts' alerts).
     */
    public DeadLetterPage deadLetters(Principal who, long id, int limit, int offset)
            throws SQLException {
        long district = district(who);
        visible(id, district);
        return repo.deadLetters(id, district, limit, offset);
    }

    /** One signed test delivery to one of the district's own webhooks, now; blocking (call it off any event loop). */
    public WebhookDispatcher.TestResult test(Principal who, long id) throws SQLException {
        long district = district(who);
        modifiable(id, district);
        Webhook w = repo.target(id).orElseThrow(() -> notFound(id));
        return dispatcher.sendTest(w, clock.instant());
    }

    /** The role check, then the caller's district: an administrator without one manages nothing. */
    private static long district(Principal who) {
        who.requireRole(MANAGERS);
        if (who.districtId() == null) {
            throw new ForbiddenException("an administrator without a district manages no webhooks");
        }
        return who.districtId();
    }

    private WebhookInfo visible(long id, long district) throws SQLException {
        WebhookInfo i = repo.find(id).orElseThrow(() -> notFound(id));
        if (i.districtId() != null && i.districtId() != district) {
            throw notFound(id);
        }
        return i;
    }

    private WebhookInfo modifiable(long id, long district) throws SQLException {
        WebhookInfo i = visible(id, district);
        if (i.districtId() == null) {
            throw new ForbiddenException("webhook " + id + " serves every district; it is managed by the operator");
        }
        return i;
    }

    private static View view(WebhookInfo i, long district) {
        return new View(i, i.districtId() == null || i.districtId() != district);
    }

    /** For the change record: never the secret, only its fingerprint. */
    static Map<String, Object> describe(WebhookInfo i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("districtId", i.districtId());
        m.put("url", i.url());
        m.put("active", i.active());
        m.put("secretFingerprint", i.secretFingerprint());
        return m;
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("webhook " + id + " not found");
    }
}
