package org.carewatch.ui.alerts;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.carewatch.alerts.lifecycle.FacilityView;
import org.carewatch.alerts.model.AlertViews;
import org.carewatch.alerts.notify.AlertNotice;
import org.carewatch.alerts.notify.AlertPublisher;

/**
 * Puts alert notices on the Vert.x event bus ({@value #ADDRESS}), where the console streams pick them up;
 * a clustered event bus later carries them to every node.
 */
public final class EventBusAlertPublisher implements AlertPublisher {
    public static final String ADDRESS = "carewatch.alerts";

    private final Vertx vertx;

    public EventBusAlertPublisher(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public void publish(AlertNotice n) {
        JsonObject msg = new JsonObject()
                .put("event", n.event())
                .put("time", n.time().toString())
                .put("districtId", n.alert().districtId())
                .put("centreId", n.alert().centreId())
                // Not for the centre's staff at all (NoticeScope.covers with districtOnly).
                .put("districtOnly", n.alert().districtOnly())
                .put("alert", new JsonObject(AlertViews.of(n.alert())))
                .put("extra", new JsonObject(n.extra()))
                // What facility staff may see of it (NoticeScope.districtView false): no assignee, no officer.
                .put("centreAlert", new JsonObject(AlertViews.of(FacilityView.of(n.alert()))))
                .put("centreExtra", new JsonObject(withoutAssignee(n.extra())));
        vertx.eventBus().publish(ADDRESS, msg.encode());
    }

    private static java.util.Map<String, Object> withoutAssignee(java.util.Map<String, Object> extra) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>(extra);
        m.remove("assigneeId");
        return m;
    }
}
