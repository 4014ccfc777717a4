package org.carewatch.tools.clip;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.carewatch.ingest.media.AccessUnit;
import org.carewatch.ingest.media.NalUnits;
import org.carewatch.ingest.media.ParameterSets;

/**
 * The on-disk form of a {@link TestClip}: a small binary file (magic, spec key, then per access unit
 * its pts, keyframe flag and NAL units). Written to a temporary file and moved into place atomically.
 */
final class ClipCacheFile {

    private static final int MAGIC = 0x43574331; // "CWC1"
    static final String FORMAT_VERSION = "v2";
    private static final int MAX_NAL_BYTES = 16 * 1024 * 1024;

    private ClipCacheFile() {
    }

    static Path pathFor(Path cacheDir, ClipSpec spec) {
        // The version changes whenever the scene or the encoder settings change.
        return cacheDir.resolve("clip-" + spec.cacheKey() + "-" + FORMAT_VERSION + ".cwclip");
    }

    static void write(Path file, TestClip clip) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeInt(MAGIC);
                out.writeUTF(clip.spec().cacheKey());
                writeNals(out, clip.parameterSets().nalUnits());
                out.writeInt(clip.accessUnits().size());
                for (AccessUnit au : clip.accessUnits()) {
                    out.writeLong(au.rtpTimestamp());
                    out.writeBoolean(au.keyframe());
                    writeNals(out, au.nalUnits());
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads a cached clip; throws IOException when the file is damaged or made for another spec. */
    static TestClip read(Path file, ClipSpec spec) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC || !in.readUTF().equals(spec.cacheKey())) {
                throw new IOException("not a clip cache file for " + spec.cacheKey() + ": " + file);
            }
            List<byte[]> setNals = readNals(in);
            ParameterSets sets = NalUnits.parameterSetsIn(spec.codec(), setNals, null);
            if (sets == null) {
                throw new IOException("clip cache file without parameter sets: " + file);
            }
            int count = in.readInt();
            if (count <= 0 || count > spec.frameCount() + 16) {
                throw new IOException("implausible access unit count " + count + " in " + file);
            }
            List<AccessUnit> aus = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long pts = in.readLong();
                boolean key = in.readBoolean();
                aus.add(new AccessUnit(spec.codec(), pts, readNals(in), key));
            }
            if (in.read() != -1) {
                throw new IOException("trailing bytes in " + file);
            }
            return new TestClip(spec, sets, aus);
        } catch (IllegalArgumentException e) {
            throw new IOException("damaged clip cache file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeNals(DataOutputStream out, List<byte[]> nals) throws IOException {
        out.writeInt(nals.size());
        for (byte[] nal : nals) {
            out.writeInt(nal.length);
            out.write(nal);
        }
    }

    private static List<byte[]> readNals(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n <= 0 || n > 1024) {
            throw new IOException("implausible NAL unit count " + n);
        }
        List<byte[]> nals = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int len = in.readInt();
            if (len <= 0 || len > MAX_NAL_BYTES) {
                throw new IOException("implausible NAL unit length " + len);
            }
            byte[] nal = new byte[len];
            in.readFully(nal);
            nals.add(nal);
        }
        return nals;
    }
}
