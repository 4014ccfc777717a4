package org.carewatch.alerts.notify;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.carewatch.core.store.Transactions;
import org.carewatch.alerts.changes.ConfigChanges;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.users.Principal;

/**
 * Creates, changes and deletes webhooks with their {@link ConfigChanges} record in one transaction, then
 * has the dispatcher re-read its targets. Input checks and role/scope belong to the caller (HTTP layer).
 */
public final class WebhookAdmin {
    private final DataSource ds;
    private final WebhookRepository repo;
    private final WebhookDispatcher dispatcher;

    public WebhookAdmin(DataSource ds, WebhookRepository repo, WebhookDispatcher dispatcher) {
        this.ds = ds;
        this.repo = repo;
        this.dispatcher = dispatcher;
    }

    public WebhookRepository repository() {
        return repo;
    }

    public WebhookDispatcher dispatcher() {
        return dispatcher;
    }

    public WebhookRepository.Info create(Principal who, Long districtId, String url, String secret, boolean active) throws SQLException {
        WebhookRepository.Info i = Transactions.inTransaction(ds, c -> {
            WebhookRepository.Info created = repo.insert(c, districtId, url, secret, active);
            ConfigChanges.record(c, who, ConfigChanges.WEBHOOK_CREATE, Long.toString(created.id()), districtId, null, null, describe(created));
            return created;
        });
        dispatcher.reload();
        return i;
    }

    /** Changes the given fields (null: keep); 404 when the webhook does not exist (or was deleted). */
    public WebhookRepository.Info update(Principal who, long id, String url, String secret, Boolean active) throws SQLException {
        WebhookRepository.Info i = Transactions.inTransaction(ds, c -> {
            WebhookRepository.Info before = repo.find(c, id, true).orElseThrow(() -> notFound(id));
            WebhookRepository.Info after = repo.update(c, id, url, secret, active);
            ConfigChanges.record(c, who, ConfigChanges.WEBHOOK_UPDATE, Long.toString(id), before.districtId(), null, describe(before),
                    describe(after));
            return after;
        });
        dispatcher.reload();
        return i;
    }

    public void delete(Principal who, long id) throws SQLException {
        Transactions.inTransaction(ds, c -> {
            WebhookRepository.Info before = repo.find(c, id, true).orElseThrow(() -> notFound(id));
            repo.delete(c, id);
            ConfigChanges.record(c, who, ConfigChanges.WEBHOOK_DELETE, Long.toString(id), before.districtId(), null, describe(before), null);
            return null;
        });
        dispatcher.reload();
    }

    /** A test delivery to the stored target with its stored secret. */
    public WebhookDispatcher.TestResult test(long id, java.time.Instant now) throws SQLException {
        Webhook w = repo.target(id).orElseThrow(() -> notFound(id));
        return dispatcher.sendTest(w, now);
    }

    /** For the change record: never the secret, only its fingerprint. */
    static Map<String, Object> describe(WebhookRepository.Info i) {
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
