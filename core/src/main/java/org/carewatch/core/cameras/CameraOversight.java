package org.carewatch.core.cameras;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.carewatch.core.centres.Centre;
import org.carewatch.core.centres.CentreService;
import org.carewatch.core.errors.ConflictException;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.store.Transactions;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;

/**
 * The district's view of changes to its centres' cameras: the change record (district roles: administrators,
 * officers, auditors), and the privacy masks centres asked for, which administrators of the district approve
 * (the masks then apply) or reject (the old ones stay). Facility staff see their own centre's requests.
 */
public final class CameraOversight {
    private static final Role[] DISTRICT = {Role.ADMIN, Role.OFFICER, Role.AUDITOR};
    private static final Role[] DECIDERS = {Role.ADMIN};
    private static final int MAX_NOTE = 2000;

    private final CameraRepository cameras;
    private final CameraHistory history;
    private final CentreService centres;
    private final CameraChanges changes;
    private final Clock clock;

    public CameraOversight(CameraRepository cameras, CameraHistory history, CentreService centres, CameraChanges changes, Clock clock) {
        this.cameras = cameras;
        this.history = history;
        this.centres = centres;
        this.changes = changes;
        this.clock = clock;
    }

    /** The recorded changes of a centre's cameras, newest first, between {@code from} (inclusive) and {@code to}. */
    public List<CameraChange> changes(Principal who, long centreId, Instant from, Instant to, int limit, int offset) throws SQLException {
        who.requireRole(DISTRICT);
        centres.visible(who, centreId);
        return history.listByCentre(centreId, from == null ? Instant.EPOCH : from, to == null ? Instant.parse("9999-01-01T00:00:00Z") : to,
                limit, offset);
    }

    /** A centre's mask requests, newest first; {@code state} (pending, approved, rejected, superseded) or null for all. */
    public List<MaskRequest> maskRequests(Principal who, long centreId, String state, int limit, int offset) throws SQLException {
        who.requireRole(Role.values());
        centres.visible(who, centreId);
        if (state != null && !List.of("pending", "approved", "rejected", "superseded").contains(state)) {
            throw new InvalidInputException("state", "must be one of pending, approved, rejected, superseded");
        }
        return history.requestsByCentre(centreId, state, limit, offset);
    }

    /** Applies the requested masks to the camera (administrators of the district); 409 when the request is no longer pending. */
    public MaskRequest approve(Principal who, long requestId, String note) throws SQLException {
        return decide(who, requestId, note, true);
    }

    /** Refuses the requested masks; the camera keeps its masks (administrators of the district). */
    public MaskRequest reject(Principal who, long requestId, String note) throws SQLException {
        return decide(who, requestId, note, false);
    }

    private MaskRequest decide(Principal who, long requestId, String note, boolean approve) throws SQLException {
        who.requireRole(DECIDERS);
        if (note != null && (note.length() > MAX_NOTE || note.chars().anyMatch(ch -> ch < 0x20 && ch != '\n' && ch != '\t'))) {
            throw new InvalidInputException("note", "must be at most " + MAX_NOTE + " characters without control characters");
        }
        MaskRequest req = history.findRequest(requestId).orElse(null);
        Centre centre = req == null ? null : centres.findVisible(who, req.centreId()).orElse(null);
        if (centre == null) {
            throw new NotFoundException("mask request " + requestId + " not found");
        }
        Instant now = clock.instant();
        MaskRequest decided = Transactions.inTransaction(history.dataSource(), c -> {
            Camera cam = cameras.find(c, req.cameraId()).orElseThrow(() -> new NotFoundException("camera " + req.cameraId() + " not found"));
            MaskRequest d = history.decide(c, requestId, approve ? "approved" : "rejected", now, who, note == null ? "" : note.strip())
                    .orElseThrow(() -> new ConflictException("mask request " + requestId + " is no longer pending"));
            if (approve) {
                cameras.setMasks(c, cam.id(), d.masks());
            }
            history.record(c, now, who, cam.id(), cam.centreId(), approve ? "masks_approved" : "masks_rejected",
                    List.of("privacyMasks"), CameraService.masksOnly(cam.privacyMasks()),
                    CameraService.masksOnly(approve ? d.masks() : cam.privacyMasks()), false, d.id());
            return d;
        });
        if (approve) {
            changes.cameraChanged(decided.cameraId());
        }
        return decided;
    }
}
