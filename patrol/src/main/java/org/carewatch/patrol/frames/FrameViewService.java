package org.carewatch.patrol.frames;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.time.Clock;
import org.carewatch.core.audit.AccessLog;
import org.carewatch.core.audit.AccessRecord;
import org.carewatch.core.errors.NotFoundException;
import org.carewatch.core.users.Principal;
import org.carewatch.core.users.Role;

/**
 * Showing a stored patrol frame to a person: the district's administrators, officers and auditors of the frame's
 * district see it; facility staff never see patrol material, and they, other districts and purged or missing
 * frames all get the same 404. Each view is written to the access log (purpose {@code patrol}) before the picture
 * is handed out; if the log cannot be written, it is not. Blocking (store and file): call off event loops.
 */
public final class FrameViewService {
    private final FrameRepository frames;
    private final FrameFiles files;
    private final AccessLog log;
    private final Clock clock;

    public FrameViewService(FrameRepository frames, FrameFiles files, AccessLog log, Clock clock) {
        this.frames = frames;
        this.files = files;
        this.log = log;
        this.clock = clock;
    }

    public FrameImage view(Principal who, long frameId, String client) throws SQLException {
        NotFoundException missing = new NotFoundException("frame " + frameId + " not found");
        if (!who.hasRole(Role.ADMIN, Role.OFFICER, Role.AUDITOR) || who.districtId() == null) {
            throw missing;
        }
        PatrolFrame f = frames.find(frameId).filter(x -> x.districtId() == who.districtId() && x.viewable()).orElseThrow(() -> missing);
        String rel = frames.file(frameId).orElseThrow(() -> missing).filePath();
        byte[] jpeg;
        try {
            jpeg = files.read(rel);
        } catch (NoSuchFileException e) {
            throw missing;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.append(new AccessRecord(clock.instant(), who.userId(), who.username(), who.role().code(), "frame", "patrol-frame", f.id(),
                f.centreId(), FrameSampler.PURPOSE, client == null ? "" : client));
        return new FrameImage(f.id(), jpeg);
    }
}
