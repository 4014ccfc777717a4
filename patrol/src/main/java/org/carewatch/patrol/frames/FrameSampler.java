package org.carewatch.patrol.frames;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.carewatch.core.users.Principal;
import org.carewatch.patrol.access.Access;
import org.carewatch.patrol.rotation.RotationRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one frame from every active camera of every centre in a round and stores it: the JPEG under the frames
 * folder, the row in {@code patrol_frames}; a camera that gives none gets a row with the problem.
 *
 * <p>Bulk work that must not starve the life-safety alert lane: cameras whose held stream has a keyframe cached
 * cost a decode each, so at most {@code heldConcurrency} of them are in flight across every round sampled on the
 * node (the decoder pool is shared with officers' snapshots and the quality checks); cameras sampled on demand
 * mostly wait for the network and their next keyframe, so {@code onDemandConcurrency} bounds the connections
 * instead. Each camera runs on a virtual thread; nothing here runs on an event loop.
 */
public final class FrameSampler {
    private static final Logger log = LoggerFactory.getLogger(FrameSampler.class);
    public static final String PURPOSE = "patrol";

    private final RotationRepository rotations;
    private final FrameRepository frames;
    private final FrameFiles files;
    private final FrameSource source;
    private final Semaphore held;
    private final Semaphore onDemand;
    private final Duration timeout;
    private final Clock clock;

    /** What one sampling stored. */
    public record Result(long districtId, LocalDate day, int roundIndex, int centres, int cameras, int frames, int problems,
                         Duration took) {
    }

    public FrameSampler(RotationRepository rotations, FrameRepository frames, FrameFiles files, FrameSource source, int heldConcurrency,
                        int onDemandConcurrency, Duration timeout, Clock clock) {
        if (heldConcurrency < 1 || onDemandConcurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        this.rotations = rotations;
        this.frames = frames;
        this.files = files;
        this.source = source;
        this.held = new Semaphore(heldConcurrency, true);
        this.onDemand = new Semaphore(onDemandConcurrency, true);
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Whether the round has been sampled already (any row, picture or problem). */
    public boolean sampled(long districtId, LocalDate day, int roundIndex) {
        return frames.sampled(districtId, day, roundIndex);
    }

    /**
     * Samples every centre of the round's visits (re-planned visits included: frames belong to the centre, not
     * the officer). Blocks until every camera's row is stored; call on a virtual thread.
     */
    public Result sampleRound(long districtId, LocalDate day, int roundIndex) throws Exception {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        List<Long> centres = rotations.visits(districtId, day).stream().filter(v -> v.round() == roundIndex)
                .map(RotationRepository.StoredVisit::centreId).distinct().sorted().toList();
        Principal system = Access.system(districtId, "patrol-sampling");
        List<Future<Boolean>> pending = new ArrayList<>();
        try (ExecutorService perCamera = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("patrol-sample-", 0).factory())) {
            for (long centreId : centres) {
                List<FrameSource.SourceCamera> cams;
                try {
                    cams = source.activeCameras(centreId);
                } catch (Exception e) {
                    log.warn("patrol sampling: cameras of centre {} not listed: {}", centreId, e.toString());
                    continue;
                }
                for (FrameSource.SourceCamera cam : cams) {
                    pending.add(perCamera.submit(() -> sampleOne(system, districtId, day, roundIndex, centreId, cam)));
                }
            }
            int stored = 0;
            int problems = 0;
            for (Future<Boolean> f : pending) {
                if (f.get()) {
                    stored++;
                } else {
                    problems++;
                }
            }
            Result r = new Result(districtId, day, roundIndex, centres.size(), pending.size(), stored, problems,
                    Duration.ofNanos(System.nanoTime() - t0));
            log.info("patrol sampling district {} {} round {} (started {}): {} centres, {} cameras, {} frames, {} without, {} ms",
                    districtId, day, roundIndex, started, r.centres(), r.cameras(), r.frames(), r.problems(), r.took().toMillis());
            return r;
        }
    }

    /** One camera: true when a picture was stored, false when a problem row was. */
    private boolean sampleOne(Principal system, long districtId, LocalDate day, int round, long centreId, FrameSource.SourceCamera cam)
            throws InterruptedException {
        Semaphore slots = cam.cached() ? held : onDemand;
        slots.acquire();
        String problem;
        Throwable cause;
        try {
            FrameSource.SourcedFrame f = source.take(system, cam.id(), timeout).get(timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
            String rel = files.write(districtId, day, round, centreId, cam.id(), f.jpeg());
            frames.insertFrame(districtId, day, round, centreId, cam.id(), f.takenAt(), rel, f.width(), f.height(), f.jpeg().length,
                    f.qualityJson());
            return true;
        } catch (ExecutionException e) {
            cause = e.getCause();
            problem = cause instanceof FrameUnavailableException u ? u.problem() : FrameUnavailableException.PREFIX + "error";
        } catch (TimeoutException e) {
            cause = e;
            problem = FrameUnavailableException.PREFIX + "timeout";
        } catch (IOException e) {
            cause = e;
            problem = FrameUnavailableException.PREFIX + "storage";
        } catch (RuntimeException e) {
            cause = e;
            problem = FrameUnavailableException.PREFIX + "error";
        } finally {
            slots.release();
        }
        if (problem.endsWith(".error") || problem.endsWith(".storage")) {
            log.warn("patrol sampling: camera {} gave no frame: {}", cam.id(), cause.toString(), cause);
        } else {
            log.info("patrol sampling: camera {} gave no frame: {}", cam.id(), cause.toString());
        }
        frames.insertProblem(districtId, day, round, centreId, cam.id(), problem);
        return false;
    }
}
