package org.carewatch.ingest.media;

/**
 * Facts read from a sequence parameter set.
 *
 * @param width  displayed width (cropping / conformance window applied)
 * @param height displayed height
 * @param fps    frame rate from the VUI timing info, 0 when the SPS does not say
 */
public record SpsInfo(Codec codec, int profileIdc, int levelIdc, int width, int height, double fps) {
}
