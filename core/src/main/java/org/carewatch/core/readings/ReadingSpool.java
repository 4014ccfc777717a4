package org.carewatch.core.readings;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded folder of batches waiting for the database: one file per batch, written to a temporary
 * name, forced to disk and renamed, so a crash leaves either a whole batch or none. Oldest first.
 * Thread-safe.
 */
public final class ReadingSpool {
    private static final Logger log = LoggerFactory.getLogger(ReadingSpool.class);
    private static final String SUFFIX = ".spool";

    private final Path dir;
    private final long maxBytes;
    /** File sequence number to size, oldest first. */
    private final TreeMap<Long, Long> files = new TreeMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private long nextSeq;

    /** A batch read back from the spool, to be {@link #remove removed} once stored. */
    public record Spooled(long seq, ReadingBatch batch) {
    }

    public ReadingSpool(Path dir, long maxBytes) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.maxBytes = maxBytes;
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".tmp")) {
                    Files.deleteIfExists(p); // an interrupted write: its messages were never acknowledged
                } else if (name.endsWith(SUFFIX)) {
                    try {
                        long seq = Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
                        long size = Files.size(p);
                        files.put(seq, size);
                        bytes.addAndGet(size);
                    } catch (NumberFormatException e) {
                        log.warn("ignoring unexpected file {} in the reading spool", p);
                    }
                }
            }
        }
        nextSeq = files.isEmpty() ? 1 : files.lastKey() + 1;
        if (!files.isEmpty()) {
            log.info("reading spool {} holds {} batch(es), {} bytes, to replay", dir, files.size(), bytes.get());
        }
    }

    /** Stores a batch durably; false (nothing written) when the spool would exceed its size limit. */
    public synchronized boolean append(ReadingBatch batch) throws IOException {
        byte[] data = SpoolCodec.encode(batch);
        if (bytes.get() + data.length > maxBytes) {
            return false;
        }
        long seq = nextSeq++;
        Path tmp = dir.resolve(seq + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(tmp, file(seq), StandardCopyOption.ATOMIC_MOVE);
        syncDirectory();
        files.put(seq, (long) data.length);
        bytes.addAndGet(data.length);
        return true;
    }

    /** The oldest batch, if any. A corrupt file is set aside (renamed *.bad) and skipped. */
    public synchronized Optional<Spooled> oldest() throws IOException {
        while (!files.isEmpty()) {
            long seq = files.firstKey();
            try {
                return Optional.of(new Spooled(seq, SpoolCodec.decode(Files.readAllBytes(file(seq)))));
            } catch (IOException e) {
                log.error("reading spool file {} is unreadable ({}); moved aside as .bad", file(seq), e.getMessage());
                Files.move(file(seq), dir.resolve(seq + ".bad"), StandardCopyOption.REPLACE_EXISTING);
                bytes.addAndGet(-files.remove(seq));
            }
        }
        return Optional.empty();
    }

    /** Up to {@code max} oldest batches, oldest first (corrupt files are set aside as in {@link #oldest()}). */
    public synchronized java.util.List<Spooled> oldest(int max) throws IOException {
        java.util.List<Spooled> out = new java.util.ArrayList<>();
        for (Long seq : new java.util.ArrayList<>(files.keySet())) {
            if (out.size() >= max) {
                break;
            }
            try {
                out.add(new Spooled(seq, SpoolCodec.decode(Files.readAllBytes(file(seq)))));
            } catch (IOException e) {
                log.error("reading spool file {} is unreadable ({}); moved aside as .bad", file(seq), e.getMessage());
                Files.move(file(seq), dir.resolve(seq + ".bad"), StandardCopyOption.REPLACE_EXISTING);
                bytes.addAndGet(-files.remove(seq));
            }
        }
        return out;
    }

    public synchronized void remove(Spooled s) throws IOException {
        Long size = files.remove(s.seq());
        if (size != null) {
            Files.deleteIfExists(file(s.seq()));
            bytes.addAndGet(-size);
        }
    }

    public synchronized boolean isEmpty() {
        return files.isEmpty();
    }

    public synchronized int batches() {
        return files.size();
    }

    public long bytes() {
        return bytes.get();
    }

    private Path file(long seq) {
        return dir.resolve(String.format("%019d", seq) + SUFFIX);
    }

    private void syncDirectory() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the file itself is already forced
        }
    }
}
