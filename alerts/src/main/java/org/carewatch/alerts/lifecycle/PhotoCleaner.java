package org.carewatch.alerts.lifecycle;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.carewatch.core.errors.InvalidInputException;

/**
 * Re-encodes an uploaded photo: decodes the pixels and encodes them again in the same format, so nothing
 * but the picture is kept (no EXIF with location or camera serial, no comments, no data appended after the
 * image, no crafted chunks). A JPEG's EXIF orientation is applied to the pixels first, so a phone photo still
 * stands the right way up. The dimensions are checked before decoding, so a small file cannot claim a huge
 * picture (decompression bomb).
 */
final class PhotoCleaner {
    static final int MAX_SIDE = 8192;
    static final long MAX_PIXELS = 40_000_000L;
    private static final float JPEG_QUALITY = 0.9f;

    private PhotoCleaner() {
    }

    /** The cleaned bytes in {@code type} ({@code image/jpeg} or {@code image/png}, as sniffed). */
    static byte[] clean(byte[] data, String type, String field) {
        BufferedImage img = decode(data, field);
        if ("image/jpeg".equals(type)) {
            img = orient(img, JpegOrientation.of(data));
        }
        try {
            return "image/png".equals(type) ? png(img) : jpeg(img);
        } catch (IOException e) {
            throw new InvalidInputException(field, "could not be re-encoded");
        }
    }

    private static BufferedImage decode(byte[] data, String field) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new InvalidInputException(field, "must be a JPEG or PNG image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w < 1 || h < 1 || w > MAX_SIDE || h > MAX_SIDE || (long) w * h > MAX_PIXELS) {
                    throw new InvalidInputException(field, "must be at most " + MAX_SIDE + " pixels on a side and "
                            + MAX_PIXELS / 1_000_000 + " megapixels");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException i) {
                throw i;
            }
            throw new InvalidInputException(field, "is not a readable JPEG or PNG image");
        }
    }

    private static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", out)) {
            throw new IOException("no PNG writer");
        }
        return out.toByteArray();
    }

    private static byte[] jpeg(BufferedImage img) throws IOException {
        BufferedImage rgb = img;
        if (img.getType() != BufferedImage.TYPE_3BYTE_BGR && img.getType() != BufferedImage.TYPE_INT_RGB) {
            // JPEG has no alpha; other layouts (grey, indexed) are drawn onto plain RGB.
            rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            g.drawImage(img, 0, 0, java.awt.Color.WHITE, null);
            g.dispose();
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(rgb, null, null), p);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** Turns the pixels as EXIF orientation 1-8 says (1: as stored). */
    private static BufferedImage orient(BufferedImage img, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return img;
        }
        int w = img.getWidth();
        int h = img.getHeight();
        boolean swap = orientation >= 5;
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> { t.scale(-1, 1); t.translate(-w, 0); }
            case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
            case 4 -> { t.scale(1, -1); t.translate(0, -h); }
            case 5 -> { t.rotate(-Math.PI / 2); t.scale(-1, 1); }
            case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
            case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            default -> { }
        }
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(img, t, null);
        g.dispose();
        return out;
    }
}
