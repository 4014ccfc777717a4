package org.carewatch.ingest.snapshot;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Function;
import org.carewatch.core.cameras.MaskRect;

/**
 * What to make of one decoded picture. The keyframe is decoded once; every output is made from that one
 * decoded picture, scaled to the same size, with the privacy masks blacked out before it leaves the
 * decoder worker.
 *
 * @param maxWidth scale down (aspect kept, even sizes) to at most this many pixels wide; empty = as decoded
 * @param masks    privacy masks, blacked out in the JPEG and in the picture
 * @param jpeg     encode a JPEG
 * @param picture  hand out the decoded picture ({@link BufferedImage#TYPE_INT_RGB})
 * @param check    applied to the masked picture on the decoder worker, its result handed out with the rest
 *                 (e.g. the frame-quality checks); quick, pure CPU work only: it holds a decoder thread.
 *                 Null for none.
 * @param <R>      what the check gives ({@code Void} without one)
 */
public record DecodeRequest<R>(OptionalInt maxWidth, List<MaskRect> masks, boolean jpeg, boolean picture,
                               Function<? super BufferedImage, ? extends R> check) {

    public DecodeRequest {
        Objects.requireNonNull(maxWidth, "maxWidth");
        masks = List.copyOf(masks);
        if (maxWidth.isPresent() && (maxWidth.getAsInt() < 2 || maxWidth.getAsInt() > 16384)) {
            throw new IllegalArgumentException("maxWidth 2..16384");
        }
        if (!jpeg && !picture && check == null) {
            throw new IllegalArgumentException("ask for a JPEG, the picture or a check");
        }
    }

    /** A JPEG only, without masks: for a keyframe that is not a registered camera's (see {@link SnapshotDecoder#jpeg}). */
    public static DecodeRequest<Void> ofJpeg(OptionalInt maxWidth) {
        return new DecodeRequest<>(maxWidth, List.of(), true, false, null);
    }

    public DecodeRequest<R> withMasks(List<MaskRect> masks) {
        return new DecodeRequest<>(maxWidth, masks, jpeg, picture, check);
    }

    public DecodeRequest<R> withPicture() {
        return new DecodeRequest<>(maxWidth, masks, jpeg, true, check);
    }

    public <T> DecodeRequest<T> withCheck(Function<? super BufferedImage, ? extends T> check) {
        return new DecodeRequest<>(maxWidth, masks, jpeg, picture, Objects.requireNonNull(check, "check"));
    }
}
