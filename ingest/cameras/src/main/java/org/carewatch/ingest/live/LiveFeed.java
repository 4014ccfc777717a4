package org.carewatch.ingest.live;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.carewatch.ingest.media.AccessUnit;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.Keyframe;
import org.carewatch.ingest.media.NalUnits;
import org.carewatch.ingest.media.ParameterSets;

/**
 * One camera's live packaging, shared by all its viewers: H.264 access units (fed in decoding order on the
 * camera's event loop) become fMP4 fragments once, and every viewer gets the same bytes.
 *
 * <ul>
 *   <li>A fragment is written when the NEXT access unit arrives, so its duration is the true timestamp
 *       difference (one frame of delay, no guessed durations).</li>
 *   <li>The current GOP's fragments are kept while the feed exists: a viewer joining mid-GOP gets the init
 *       segment and the GOP so far, decodable at once (the player jumps to the live edge). Before the feed has
 *       seen a keyframe, a joining viewer gets the cached keyframe (fast first picture) and then waits for
 *       the next keyframe.</li>
 *   <li>A viewer that is not {@link LiveViewer#writable() writable} when a fragment is ready misses it and
 *       everything up to the next keyframe (its queue never grows without bound); counted as a drop.</li>
 * </ul>
 * Methods are synchronized on the feed: each critical section only builds small arrays and hands them to
 * non-blocking viewers, so the event loop never waits long.
 */
public final class LiveFeed implements Consumer<AccessUnit> {

    /** Beyond this a GOP is not kept (a camera with very long GOPs): joiners then wait for a keyframe. */
    static final int MAX_GOP_BYTES = 8 * 1024 * 1024;
    /** A cached keyframe older than this is not shown as the first picture (it would be a stale image). */
    static final Duration MAX_FIRST_PICTURE_AGE = Duration.ofSeconds(5);
    private static final int DEFAULT_DURATION = Fmp4Writer.TIMESCALE / 25;

    private final long cameraId;
    private final Clock clock;
    private final Map<LiveViewer, ViewerState> viewers = new LinkedHashMap<>();
    private final List<byte[]> gop = new ArrayList<>();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong drops = new AtomicLong();

    private ParameterSets sets;
    private byte[] init;
    private AccessUnit pending;
    private long lastTimestamp = Long.MIN_VALUE; // unwrapped 90 kHz time of `pending`
    private long base = Long.MIN_VALUE;           // decode time 0 of this feed
    private int lastDuration = DEFAULT_DURATION;
    private long sequence;
    private int gopBytes;
    private boolean gopComplete; // the GOP list starts with a keyframe and holds every fragment since

    public LiveFeed(long cameraId, Clock clock) {
        this.cameraId = cameraId;
        this.clock = clock;
    }

    public long cameraId() {
        return cameraId;
    }

    /** The MIME type for MediaSource, known once parameter sets were seen. */
    public synchronized Optional<String> mimeType() {
        return sets == null ? Optional.empty()
                : Optional.of("video/mp4; codecs=\"" + Fmp4Writer.codecString(sets) + "\"");
    }

    public synchronized int viewerCount() {
        return viewers.size();
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    /** Fragments a slow viewer missed because it was dropped to the next keyframe (counted once per drop). */
    public long droppedToKeyframe() {
        return drops.get();
    }

    /**
     * Adds a viewer unless the feed already has {@code limit} viewers. It gets the init segment and the GOP so
     * far, else the cached keyframe as a first picture; then live fragments.
     */
    public synchronized boolean join(LiveViewer viewer, int limit, Optional<Keyframe> cached) {
        if (viewers.size() >= limit) {
            return false;
        }
        ViewerState state = new ViewerState();
        viewers.put(viewer, state);
        if (cached.isPresent() && cached.get().codec() == Codec.H264 && sets == null) {
            learn(cached.get().accessUnit(), cached.get().parameterSets());
        }
        if (init == null) {
            return true; // init segment and all follow at the first keyframe
        }
        sendTo(viewer, state, init);
        state.initSent = sets;
        if (gopComplete && !gop.isEmpty()) {
            for (byte[] f : gop) {
                sendTo(viewer, state, f);
            }
            state.needsKeyframe = false;
        } else if (cached.isPresent() && isFresh(cached.get())) {
            AccessUnit au = cached.get().accessUnit();
            long t = unwrap(au.rtpTimestamp());
            if (base == Long.MIN_VALUE) {
                base = t;
            }
            sendTo(viewer, state, Fmp4Writer.fragment(++sequence, Math.max(0, t - base),
                    List.of(Fmp4Writer.Sample.of(au, lastDuration))));
        }
        return true;
    }

    public synchronized void leave(LiveViewer viewer) {
        viewers.remove(viewer);
    }

    private boolean isFresh(Keyframe k) {
        return Duration.between(k.arrival(), clock.instant()).compareTo(MAX_FIRST_PICTURE_AGE) <= 0;
    }

    /** Next access unit in decoding order (camera's event loop). H.265 is not remuxed and is ignored. */
    @Override
    public synchronized void accept(AccessUnit au) {
        if (au.codec() != Codec.H264) {
            return;
        }
        learn(au, null);
        if (sets == null) {
            return; // nothing is playable before the parameter sets are known
        }
        long t = unwrap(au.rtpTimestamp());
        if (pending != null) {
            long d = t - lastTimestamp;
            // A timestamp jump (camera restart, wrap confusion) keeps the last good frame duration.
            int duration = d > 0 && d <= Fmp4Writer.TIMESCALE * 2L ? (int) d : lastDuration;
            lastDuration = duration;
            emit(pending, lastTimestamp, duration);
        }
        pending = au;
        lastTimestamp = t;
    }

    private void learn(AccessUnit au, ParameterSets known) {
        ParameterSets inBand = NalUnits.parameterSetsIn(Codec.H264, au.nalUnits(), known != null ? known : sets);
        ParameterSets now = inBand != null ? inBand : known;
        if (now != null && !now.equals(sets) && now.vps() == null) {
            try {
                init = Fmp4Writer.initSegment(now);
                sets = now;
            } catch (IllegalArgumentException e) {
                // unreadable SPS: keep what we had
            }
        }
    }

    private long unwrap(long rtpTimestamp) {
        long ts = rtpTimestamp & 0xFFFFFFFFL;
        if (lastTimestamp == Long.MIN_VALUE) {
            return ts;
        }
        int delta = (int) (ts - (lastTimestamp & 0xFFFFFFFFL));
        return lastTimestamp + delta;
    }

    private void emit(AccessUnit au, long t, int duration) {
        if (base == Long.MIN_VALUE) {
            base = t;
        }
        byte[] fragment = Fmp4Writer.fragment(++sequence, Math.max(0, t - base),
                List.of(Fmp4Writer.Sample.of(au, duration)));
        if (au.keyframe()) {
            gop.clear();
            gopBytes = 0;
            gopComplete = true;
        }
        if (gopComplete) {
            gop.add(fragment);
            gopBytes += fragment.length;
            if (gopBytes > MAX_GOP_BYTES) {
                gop.clear();
                gopBytes = 0;
                gopComplete = false;
            }
        }
        for (Map.Entry<LiveViewer, ViewerState> e : viewers.entrySet()) {
            deliver(e.getKey(), e.getValue(), fragment, au.keyframe());
        }
    }

    private void deliver(LiveViewer viewer, ViewerState state, byte[] fragment, boolean keyframe) {
        if (state.needsKeyframe && !keyframe) {
            return;
        }
        if (!viewer.writable()) {
            if (!state.needsKeyframe) {
                drops.incrementAndGet();
            }
            state.needsKeyframe = true;
            return;
        }
        if (state.initSent != sets) {
            if (!keyframe) {
                state.needsKeyframe = true;
                return;
            }
            sendTo(viewer, state, init);
            state.initSent = sets;
        }
        state.needsKeyframe = false;
        sendTo(viewer, state, fragment);
    }

    private void sendTo(LiveViewer viewer, ViewerState state, byte[] segment) {
        viewer.send(segment);
        bytesSent.addAndGet(segment.length);
    }

    private static final class ViewerState {
        boolean needsKeyframe = true;
        ParameterSets initSent;
    }
}
