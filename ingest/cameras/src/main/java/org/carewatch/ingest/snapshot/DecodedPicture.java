package org.carewatch.ingest.snapshot;

import java.awt.image.BufferedImage;

/**
 * What one decode gave, as asked by its {@link DecodeRequest}: every part from the same decoded picture,
 * masked.
 *
 * @param width   of the JPEG and the picture (after scaling)
 * @param height  of the JPEG and the picture (after scaling)
 * @param jpeg    the JPEG; null unless asked
 * @param picture the picture ({@link BufferedImage#TYPE_INT_RGB}); null unless asked
 * @param checked what the request's check returned; null without a check
 */
public record DecodedPicture<R>(int width, int height, byte[] jpeg, BufferedImage picture, R checked) {
}
