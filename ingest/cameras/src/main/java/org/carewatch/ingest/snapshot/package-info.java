/** Cached keyframe to JPEG with FFmpeg in-process, on a bounded worker pool. */
package org.carewatch.ingest.snapshot;
