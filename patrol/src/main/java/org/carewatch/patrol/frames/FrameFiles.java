package org.carewatch.patrol.frames;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The JPEGs under the frames folder ({@code patrol.framesDir}), laid out by date:
 * {@code yyyy/MM/dd/district-D/round-R/centre-C/camera-K-<random>.jpg}. Paths stored in the table are relative
 * to the folder, so it can move. Blocking file I/O: callers are on virtual threads or workers.
 */
public final class FrameFiles {
    private final Path root;

    public FrameFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Writes the JPEG (to a temporary name, then moved into place) and returns its path relative to the folder. */
    public String write(long districtId, LocalDate day, int roundIndex, long centreId, long cameraId, byte[] jpeg) throws IOException {
        String rel = String.format("%04d/%02d/%02d/district-%d/round-%d/centre-%d/camera-%d-%s.jpg", day.getYear(), day.getMonthValue(),
                day.getDayOfMonth(), districtId, roundIndex, centreId, cameraId, UUID.randomUUID().toString().substring(0, 8));
        Path target = resolve(rel);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        Files.write(tmp, jpeg);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return rel;
    }

    public byte[] read(String rel) throws IOException {
        return Files.readAllBytes(resolve(rel));
    }

    /** Deletes the file; true when it existed. */
    public boolean delete(String rel) throws IOException {
        try {
            Files.delete(resolve(rel));
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** The absolute path of a stored relative path; refuses anything that would leave the folder. */
    public Path resolve(String rel) {
        Path p = root.resolve(rel).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("frame path outside the frames folder");
        }
        return p;
    }
}
