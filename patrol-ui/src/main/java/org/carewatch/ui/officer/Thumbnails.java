package org.carewatch.ui.officer;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Thumbnails of stored frames for the visit page's grid: 320 pixels wide, JPEG quality 0.7 (a few KB each).
 * Only ever made from a frame the frame service has just handed to the caller (and logged), so the cache keeps
 * no one from the access log; frames never change, so a frame's thumbnail is made once. Bounded (least recently used).
 */
final class Thumbnails {
    static final int WIDTH = 320;
    private static final float QUALITY = 0.7f;

    private final Map<Long, byte[]> cache;

    Thumbnails(int capacity) {
        this.cache = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
                return size() > capacity;
            }
        };
    }

    byte[] of(long frameId, byte[] jpeg) {
        synchronized (cache) {
            byte[] hit = cache.get(frameId);
            if (hit != null) {
                return hit;
            }
        }
        byte[] made = scale(jpeg);
        synchronized (cache) {
            cache.put(frameId, made);
        }
        return made;
    }

    static byte[] scale(byte[] jpeg) {
        try {
            BufferedImage src = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (src == null || src.getWidth() <= WIDTH) {
                return jpeg;
            }
            int h = Math.max(1, Math.round(src.getHeight() * (WIDTH / (float) src.getWidth())));
            BufferedImage dst = new BufferedImage(WIDTH, h, BufferedImage.TYPE_INT_RGB);
            var g = dst.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, WIDTH, h, null);
            g.dispose();
            ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
            ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
            try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
                w.setOutput(ios);
                ImageWriteParam p = w.getDefaultWriteParam();
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionQuality(QUALITY);
                w.write(null, new IIOImage(dst, null, null), p);
            } finally {
                w.dispose();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
