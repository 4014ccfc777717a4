package org.carewatch.core.cameras;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carewatch.core.centres.Centre;
import org.carewatch.core.centres.CentreService;
import org.carewatch.core.districts.LiveViewService;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.outbound.OutboundPolicy;
import org.carewatch.core.outbound.OutboundTarget;
import org.carewatch.core.store.Transactions;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;

/**
 * Camera registration: administrators (their district) and facility staff (their own centre) register and
 * change cameras; every role reads the cameras in its scope (the scope of the camera's centre). A camera
 * outside the caller's scope is "not found", whether or not it exists.
 *
 * <p>Camera hosts must pass the outbound policy. Every registration and change is recorded with who, when,
 * before and after ({@link CameraHistory}); a centre's changes made during its opening hours that switch a
 * camera off, re-point it or ask for other masks are announced to the {@link CameraChangeListener} (which
 * alerts the district). Privacy masks set by a centre that hide another part of the picture than before
 * wait for an administrator of the district ({@link CameraOversight}); the old masks stay until then.
 */
public final class CameraService {
    private static final Role[] READERS = Role.values();
    private static final Role[] EDITORS = {Role.ADMIN, Role.FACILITY};

    /** What the service works with besides the cameras themselves. */
    public record Rules(OutboundPolicy outbound, LiveViewService liveView, ZoneId openingHoursZone, Clock clock) {
    }

    private final CameraRepository cameras;
    private final CameraHistory history;
    private final CentreService centres;
    private final CameraChanges changes;
    private final CameraChangeListener listener;
    private final Rules rules;

    public CameraService(CameraRepository cameras, CameraHistory history, CentreService centres, CameraChanges changes,
                         CameraChangeListener listener, Rules rules) {
        this.cameras = cameras;
        this.history = history;
        this.centres = centres;
        this.changes = changes;
        this.listener = listener;
        this.rules = rules;
    }

    /** The cameras of a centre in the caller's scope. */
    public List<Camera> list(Principal who, long centreId) throws SQLException {
        who.requireRole(READERS);
        centres.visible(who, centreId);
        return cameras.listByCentre(centreId);
    }

    /**
     * The camera when its centre is in the caller's scope; else {@link NotFoundException}. Anything that
     * shows a camera or its pictures asks this first.
     */
    public Camera visible(Principal who, long cameraId) throws SQLException {
        who.requireRole(READERS);
        Camera cam = cameras.find(cameraId).orElse(null);
        if (cam == null || centres.findVisible(who, cam.centreId()).isEmpty()) {
            throw new NotFoundException("camera " + cameraId + " not found");
        }
        return cam;
    }

    /** A camera the caller is about to see now (snapshot, live video): visible, and the district's live-view policy met. */
    public LiveView forLiveView(Principal who, long cameraId, String purpose) throws SQLException {
        who.requireRole(READERS);
        Camera cam = cameras.find(cameraId).orElse(null);
        Centre centre = cam == null ? null : centres.findVisible(who, cam.centreId()).orElse(null);
        if (centre == null) {
            throw new NotFoundException("camera " + cameraId + " not found");
        }
        return new LiveView(cam, rules.liveView().requireLiveView(who, centre, purpose));
    }

    /** A camera cleared for live view, with the purpose to record. */
    public record LiveView(Camera camera, String purpose) {
    }

    /** Registers a camera in a centre of the caller's scope; the change is recorded, then announced. */
    public Camera create(Principal who, long centreId, CameraInput in) throws SQLException {
        who.requireRole(EDITORS);
        Centre centre = centres.visible(who, centreId);
        in.validate(true);
        rules.outbound().checkRegistration(OutboundTarget.CAMERA, in.host(), "host");
        boolean masksWait = who.role() == Role.FACILITY && in.privacyMasks() != null && !in.privacyMasks().isEmpty();
        Instant now = rules.clock().instant();
        Camera created = Transactions.inTransaction(history.dataSource(), c -> {
            Camera cam = cameras.create(c, centreId, masksWait ? in.withoutMasks() : in);
            MaskRequest req = masksWait
                    ? history.openRequest(c, now, who, cam, in.privacyMasks(), MaskCoverage.compare(List.of(), in.privacyMasks())) : null;
            Map<String, Object> after = CameraHistory.describe(cam);
            List<String> fields = new ArrayList<>(after.keySet());
            if (req != null) {
                after.put("privacyMasksRequested", req.masks());
                fields.add("privacyMasksRequested");
            }
            history.record(c, now, who, cam.id(), centreId, "create", fields, null, after, centre.openAt(now, rules.openingHoursZone()),
                    req == null ? null : req.id());
            return cam;
        });
        changes.cameraChanged(created.id());
        return created;
    }

    /**
     * Changes a camera in the caller's scope, with the version read; the change is recorded, then announced.
     * A centre's new privacy masks that hide another area than the current ones are not applied: they become a
     * request an administrator of the district approves or rejects.
     */
    public Camera update(Principal who, long cameraId, CameraInput in) throws SQLException {
        who.requireRole(EDITORS);
        Camera current = visible(who, cameraId);
        Centre centre = centres.visible(who, current.centreId());
        in.validate(false);
        if (in.host() != null) {
            rules.outbound().checkRegistration(OutboundTarget.CAMERA, in.host(), "host");
        }
        boolean masksWait = who.role() == Role.FACILITY && in.privacyMasks() != null
                && !MaskCoverage.compare(current.privacyMasks(), in.privacyMasks()).same();
        Instant now = rules.clock().instant();
        CameraChange[] recorded = new CameraChange[1];
        Camera updated = Transactions.inTransaction(history.dataSource(), c -> {
            Camera before = cameras.find(c, cameraId).orElseThrow(() -> new NotFoundException("camera " + cameraId + " not found"));
            Camera after = cameras.update(c, cameraId, masksWait ? in.withoutMasks() : in);
            MaskRequest req = masksWait ? history.openRequest(c, now, who, after, in.privacyMasks(),
                    MaskCoverage.compare(after.privacyMasks(), in.privacyMasks())) : null;
            Map<String, Object> b = CameraHistory.describe(before);
            Map<String, Object> a = CameraHistory.describe(after);
            List<String> fields = CameraHistory.changedFields(b, a);
            if (req != null) {
                b.put("privacyMasksRequested", before.privacyMasks());
                a.put("privacyMasksRequested", req.masks());
                fields.add("privacyMasksRequested");
            }
            if (!fields.isEmpty()) {
                recorded[0] = history.record(c, now, who, cameraId, after.centreId(), "update", fields, b, a,
                        centre.openAt(now, rules.openingHoursZone()), req == null ? null : req.id());
            }
            return after;
        });
        changes.cameraChanged(cameraId);
        if (recorded[0] != null) {
            listener.recorded(recorded[0]);
        }
        return updated;
    }

    /** For the change record of an approval or rejection. */
    static Map<String, Object> masksOnly(List<MaskRect> masks) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("privacyMasks", masks);
        return m;
    }
}
