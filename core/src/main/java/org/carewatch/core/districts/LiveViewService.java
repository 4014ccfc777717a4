package org.carewatch.core.districts;

import java.sql.SQLException;
import org.carewatch.core.centres.Centre;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;

/**
 * Enforces the district's live-view policy for anyone about to see a centre's camera now: a snapshot, or
 * live video. Every path to such a view asks {@link #requireLiveView} first (frames a patrol sampled beforehand
 * are not live view and do not).
 */
public final class LiveViewService {
    public static final int MAX_PURPOSE = 500;

    private final DistrictRepository districts;

    public LiveViewService(DistrictRepository districts) {
        this.districts = districts;
    }

    /**
     * The purpose to record (stripped; empty when none was given and none is needed), or: {@link NotFoundException}
     * when the centre is outside the caller's scope, {@link LiveViewDisabledException} under {@code disabled},
     * {@link InvalidInputException} naming {@code purpose} when it is missing under {@code purpose} or unusable.
     */
    public String requireLiveView(Principal who, Centre centre, String purpose) throws SQLException {
        who.requireRole(Role.values());
        if (!who.canSee(centre.districtId(), centre.id())) {
            throw new NotFoundException("centre " + centre.id() + " not found");
        }
        String p = purpose == null ? "" : purpose.strip();
        if (p.length() > MAX_PURPOSE || p.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("purpose", "must be at most " + MAX_PURPOSE + " characters without control characters");
        }
        switch (districts.liveViewPolicy(centre.districtId())) {
            case DISABLED -> throw new LiveViewDisabledException();
            case PURPOSE -> {
                if (p.isEmpty()) {
                    throw new InvalidInputException("purpose", "is required: this district's live-view policy asks for the purpose "
                            + "of every snapshot and live view (e.g. ?purpose=daily patrol)");
                }
            }
            case ALLOWED -> {
            }
        }
        return p;
    }
}
