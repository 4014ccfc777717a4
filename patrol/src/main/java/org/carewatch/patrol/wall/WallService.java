package org.carewatch.patrol.wall;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carewatch.core.cameras.Camera;
import org.carewatch.core.cameras.CameraService;
import org.carewatch.core.districts.LiveViewDisabledException;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;
import org.carewatch.patrol.review.QueueView;
import org.carewatch.patrol.review.ReviewService;
import org.carewatch.patrol.rotation.VisitStatus;

/**
 * The camera wall's list (轮巡): a centre's cameras, or by default the cameras of the centres in the caller's
 * current round (the round of their first visit not yet reviewed, else their last round today). Officers and
 * administrators of the district only (facility staff and auditors 403; a centre outside the district 404).
 * Each tile's own rules (policy, masks, viewer limit, access log) stay with the live service when it opens.
 */
public final class WallService {
    private final ReviewService reviews;
    private final CameraService cameras;

    public WallService(ReviewService reviews, CameraService cameras) {
        this.reviews = reviews;
        this.cameras = cameras;
    }

    /** One camera on the wall. */
    public record WallCamera(long id, String name, long centreId, String centreName) {
    }

    /**
     * The list to cycle through. {@code purposeRequired} when the district asks a stated purpose before live
     * video; {@code disabled} when it offers no live view at all (the wall then shows nothing).
     */
    public record Wall(Long centreId, String roundName, List<WallCamera> cameras, boolean purposeRequired, boolean disabled) {
    }

    public Wall list(Principal who, Long centreId) throws SQLException {
        who.requireRole(Role.OFFICER, Role.ADMIN);
        Map<Long, String> centres = new LinkedHashMap<>();
        String roundName = null;
        if (centreId != null) {
            centres.put(centreId, null);
        } else if (who.role() == Role.OFFICER) {
            List<QueueView.Item> items = reviews.queue(who).visits();
            QueueView.Item current = items.stream().filter(i -> i.status() == VisitStatus.PLANNED).findFirst()
                    .orElse(items.isEmpty() ? null : items.get(items.size() - 1));
            if (current != null) {
                roundName = current.round().name();
                for (QueueView.Item i : items) {
                    if (i.round().index() == current.round().index()) {
                        centres.putIfAbsent(i.centreId(), i.centreName());
                    }
                }
            }
        }
        List<WallCamera> list = new ArrayList<>();
        for (Map.Entry<Long, String> c : centres.entrySet()) {
            for (Camera cam : cameras.list(who, c.getKey())) {
                if (cam.active()) {
                    list.add(new WallCamera(cam.id(), cam.name(), cam.centreId(), c.getValue()));
                }
            }
        }
        boolean purposeRequired = false;
        boolean disabled = false;
        if (!list.isEmpty()) {
            try {
                cameras.forLiveView(who, list.get(0).id(), "");
            } catch (LiveViewDisabledException e) {
                disabled = true;
            } catch (InvalidInputException e) {
                purposeRequired = "purpose".equals(e.field());
            }
        }
        return new Wall(centreId, roundName, disabled ? List.of() : List.copyOf(list), purposeRequired, disabled);
    }
}
