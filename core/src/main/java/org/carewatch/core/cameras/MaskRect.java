package org.carewatch.core.cameras;

import org.carewatch.core.errors.InvalidInputException;

/**
 * A privacy mask: a rectangle of the picture, in fractions of its width and height (0..1) so it fits
 * any stream resolution. Masked areas are blacked out before a frame is shown or stored.
 */
public record MaskRect(double x, double y, double w, double h) {
    public MaskRect {
        if (!(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= 1.0001 && y + h <= 1.0001)) {
            throw new InvalidInputException("privacyMasks", "each mask needs x, y >= 0, w, h > 0 and x + w, y + h <= 1 (fractions of the picture)");
        }
    }
}
