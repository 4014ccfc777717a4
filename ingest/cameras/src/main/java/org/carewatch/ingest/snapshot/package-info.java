/**
 * A cached keyframe (or a vendor's JPEG) decoded once with FFmpeg in-process, on a bounded worker pool, to a
 * masked JPEG and/or a masked picture. Which masks apply to a camera is the frame service's business
 * ({@code org.carewatch.ingest.frames}).
 */
package org.carewatch.ingest.snapshot;
