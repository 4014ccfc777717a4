package org.carewatch.ingest.media;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The latest keyframe of one camera, made self-contained: parameter sets are taken from the stream
 * (any access unit that carries them) or from the SDP, and prepended to a keyframe that lacks them.
 * One writer (the camera's event loop) calls {@link #offer}; any thread may read.
 */
public final class KeyframeCache {

    private final Codec codec;
    private volatile ParameterSets parameterSets;
    private volatile Keyframe latest;
    private final List<CompletableFuture<Keyframe>> waiters = new ArrayList<>();

    /** @param fromSdp parameter sets announced in the SDP, or null */
    public KeyframeCache(Codec codec, ParameterSets fromSdp) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.parameterSets = fromSdp;
    }

    public Codec codec() {
        return codec;
    }

    /** Looks at every access unit (to learn in-band parameter sets); keeps it if it is a keyframe. */
    public void offer(AccessUnit au, Instant arrival) {
        if (au.codec() != codec) {
            throw new IllegalArgumentException("codec " + au.codec() + " offered to a " + codec + " cache");
        }
        ParameterSets inBand = NalUnits.parameterSetsIn(codec, au.nalUnits(), parameterSets);
        if (inBand != null) {
            parameterSets = inBand;
        }
        if (!au.keyframe()) {
            return;
        }
        AccessUnit complete = NalUnits.withParameterSets(au, parameterSets);
        Keyframe kf = new Keyframe(complete, parameterSets, arrival);
        latest = kf;
        List<CompletableFuture<Keyframe>> toComplete;
        synchronized (waiters) {
            if (waiters.isEmpty()) {
                return;
            }
            toComplete = new ArrayList<>(waiters);
            waiters.clear();
        }
        toComplete.forEach(f -> f.complete(kf));
    }

    /** Replaces the known parameter sets (e.g. after a new DESCRIBE). */
    public void setParameterSets(ParameterSets sets) {
        this.parameterSets = sets;
    }

    public Optional<ParameterSets> parameterSets() {
        return Optional.ofNullable(parameterSets);
    }

    public Optional<Keyframe> latest() {
        return Optional.ofNullable(latest);
    }

    /**
     * Completes with the next keyframe offered after this call. It completes on the writer's thread:
     * chain with the *Async methods to move heavy work off it. Cancel it to stop waiting.
     */
    public CompletableFuture<Keyframe> nextKeyframe() {
        CompletableFuture<Keyframe> f = new CompletableFuture<>();
        synchronized (waiters) {
            waiters.removeIf(CompletableFuture::isDone);
            waiters.add(f);
        }
        return f;
    }

    /** Forgets the cached keyframe (e.g. when the stream is torn down); parameter sets are kept. */
    public void clear() {
        latest = null;
    }
}
