package org.carewatch.core.readings;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The on-disk form of a spooled {@link ReadingBatch}: a versioned binary record with a CRC32 trailer.
 * Version 2 adds each reading's profile id, as an index into the batch's table of profile ids (a batch holds
 * a handful); version 1 files (written before readings carried it) are still read, with no profile.
 */
final class SpoolCodec {
    private static final int MAGIC = 0x43575350; // "CWSP"
    private static final int VERSION = 2;
    private static final int VERSION_WITHOUT_PROFILES = 1;
    private static final int NO_PROFILE = -1;

    private SpoolCodec() {
    }

    static byte[] encode(ReadingBatch b) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + b.readings().size() * 48);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            Map<String, Integer> profiles = new LinkedHashMap<>();
            for (Reading r : b.readings()) {
                if (r.profileId() != null) {
                    profiles.putIfAbsent(r.profileId(), profiles.size());
                }
            }
            out.writeInt(profiles.size());
            for (String p : profiles.keySet()) {
                out.writeUTF(p);
            }
            out.writeInt(b.readings().size());
            for (Reading r : b.readings()) {
                writeInstant(out, r.time());
                out.writeLong(r.centreId());
                out.writeLong(r.sensorId());
                out.writeInt(r.profileId() == null ? NO_PROFILE : profiles.get(r.profileId()));
                out.writeUTF(r.metric());
                out.writeDouble(r.value());
            }
            out.writeInt(b.events().size());
            for (DeviceEvent e : b.events()) {
                writeInstant(out, e.time());
                out.writeLong(e.centreId());
                out.writeLong(e.sensorId());
                out.writeBoolean(e.online());
                out.writeUTF(e.reason());
            }
            out.writeInt(b.rejected().size());
            for (RejectedMessage r : b.rejected()) {
                writeInstant(out, r.time());
                out.writeUTF(r.topic());
                out.writeUTF(r.kind().code());
                out.writeUTF(r.reason());
                out.writeInt(r.payloadBytes());
                out.writeUTF(r.excerpt());
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("in-memory encoding failed", e);
        }
    }

    static ReadingBatch decode(byte[] data) throws IOException {
        if (data.length < 8 + 12 + 8) {
            throw new IOException("spool file too short (" + data.length + " bytes)");
        }
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length - 8);
        long stored = new DataInputStream(new ByteArrayInputStream(data, data.length - 8, 8)).readLong();
        if (stored != crc.getValue()) {
            throw new IOException("spool file checksum mismatch");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, 0, data.length - 8));
        int version = in.readInt() == MAGIC ? in.readInt() : 0;
        if (version != VERSION && version != VERSION_WITHOUT_PROFILES) {
            throw new IOException("not a CareWatch spool file (version " + VERSION_WITHOUT_PROFILES + " or " + VERSION + ")");
        }
        String[] profiles = new String[version == VERSION ? count(in) : 0];
        for (int i = 0; i < profiles.length; i++) {
            profiles[i] = in.readUTF();
        }
        int n = count(in);
        List<Reading> readings = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Instant time = readInstant(in);
            long centreId = in.readLong();
            long sensorId = in.readLong();
            String profileId = version == VERSION ? profile(profiles, in.readInt()) : null;
            readings.add(new Reading(time, centreId, sensorId, profileId, in.readUTF(), in.readDouble()));
        }
        n = count(in);
        List<DeviceEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(new DeviceEvent(readInstant(in), in.readLong(), in.readLong(), in.readBoolean(), in.readUTF()));
        }
        n = count(in);
        List<RejectedMessage> rejected = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Instant t = readInstant(in);
            String topic = in.readUTF();
            RejectKind kind = RejectKind.fromCode(in.readUTF());
            rejected.add(new RejectedMessage(t, topic, kind, in.readUTF(), in.readInt(), in.readUTF()));
        }
        return new ReadingBatch(readings, events, rejected);
    }

    private static String profile(String[] profiles, int index) throws IOException {
        if (index == NO_PROFILE) {
            return null;
        }
        if (index < 0 || index >= profiles.length) {
            throw new IOException("corrupt spool file (profile " + index + " of " + profiles.length + ")");
        }
        return profiles[index];
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 10_000_000) {
            throw new IOException("corrupt spool file (count " + n + ")");
        }
        return n;
    }

    private static void writeInstant(DataOutputStream out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }
}
