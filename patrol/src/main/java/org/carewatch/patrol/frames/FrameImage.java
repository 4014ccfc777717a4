package org.carewatch.patrol.frames;

/** A stored frame's JPEG as served to a person (already masked when it was taken). */
public record FrameImage(long frameId, byte[] jpeg) {
}
