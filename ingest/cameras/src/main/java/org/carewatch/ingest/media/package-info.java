/**
 * Codec-level facts without decoding: access units, parameter sets, SPS parsing, the per-camera keyframe
 * cache and live stream facts.
 */
package org.carewatch.ingest.media;
