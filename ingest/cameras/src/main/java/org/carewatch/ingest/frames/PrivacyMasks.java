package org.carewatch.ingest.frames;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.carewatch.core.cameras.MaskRect;

/** Blacks out a camera's privacy masks in a JPEG before anyone sees it. */
public final class PrivacyMasks {
    private PrivacyMasks() {
    }

    public static byte[] apply(byte[] jpeg, List<MaskRect> masks) throws IOException {
        if (masks.isEmpty()) {
            return jpeg;
        }
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
        if (img == null) {
            throw new IOException("snapshot is not a readable JPEG");
        }
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.BLACK);
            int w = img.getWidth();
            int h = img.getHeight();
            for (MaskRect m : masks) {
                int x0 = (int) Math.floor(m.x() * w);
                int y0 = (int) Math.floor(m.y() * h);
                int x1 = (int) Math.ceil((m.x() + m.w()) * w);
                int y1 = (int) Math.ceil((m.y() + m.h()) * h);
                g.fillRect(x0, y0, x1 - x0, y1 - y0);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length);
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }
}
