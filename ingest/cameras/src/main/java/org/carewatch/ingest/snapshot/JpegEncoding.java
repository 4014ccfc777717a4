package org.carewatch.ingest.snapshot;

/** How the decoded picture becomes a JPEG. */
public enum JpegEncoding {
    /** FFmpeg's mjpeg encoder on a full-range YUV 4:2:0 picture (no copy into the Java heap before encoding). */
    FFMPEG_MJPEG,
    /** Convert to BGR with swscale, then javax.imageio's JPEG writer. */
    IMAGEIO
}
