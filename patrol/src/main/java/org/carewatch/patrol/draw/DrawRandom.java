package org.carewatch.patrol.draw;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The only source of randomness of a draw: a deterministic generator keyed by the seed, so that anyone can
 * re-implement it from this description and recompute a published plan.
 *
 * <p>A <em>stream</em> is named by a label (UTF-8). Its bytes are the concatenation of the blocks
 * {@code HMAC-SHA256(key = seed, message = label || 0x00 || counter)} for counter = 0, 1, 2, ... written as an
 * unsigned 64-bit big-endian integer. Values are read from a stream in order:
 * <ul>
 *   <li>{@link #nextLong()}: the next 8 bytes as an unsigned 64-bit big-endian integer (a block gives four);</li>
 *   <li>{@link #below(long) below(n)}: rejection sampling: let {@code limit = 2^64 - (2^64 mod n)}; read values until
 *       one is below {@code limit} and return it mod n;</li>
 *   <li>{@link #shuffle(List)}: Fisher-Yates from the end: for i = size-1 down to 1, swap i with {@code below(i+1)}.</li>
 * </ul>
 * Streams are independent: what one part of the planner draws never shifts another part's numbers.
 */
public final class DrawRandom {
    private final Mac mac;
    private final byte[] prefix;
    private long counter;
    private byte[] block = new byte[0];
    private int pos;

    private DrawRandom(Seed seed, String label) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(seed.bytes(), "HmacSHA256"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
        }
        byte[] l = label.getBytes(StandardCharsets.UTF_8);
        prefix = new byte[l.length + 1];
        System.arraycopy(l, 0, prefix, 0, l.length);
    }

    /** The stream named {@code label} of {@code seed}. */
    public static DrawRandom stream(Seed seed, String label) {
        return new DrawRandom(seed, label);
    }

    public long nextLong() {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            if (pos == block.length) {
                refill();
            }
            v = (v << 8) | (block[pos++] & 0xFF);
        }
        return v;
    }

    /** Uniform in [0, n), for n ≥ 1. */
    public long below(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive");
        }
        // limit = 2^64 - (2^64 mod n), compared as unsigned; 2^64 mod n = (2^64 - n) mod n = (-n) mod n unsigned.
        long rem = Long.remainderUnsigned(-n, n);
        while (true) {
            long v = nextLong();
            if (rem == 0 || Long.compareUnsigned(v, -rem) < 0) {
                return Long.remainderUnsigned(v, n);
            }
        }
    }

    public int below(int n) {
        return (int) below((long) n);
    }

    public <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i >= 1; i--) {
            int j = below(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    private void refill() {
        mac.update(prefix);
        byte[] c = new byte[8];
        long x = counter++;
        for (int i = 7; i >= 0; i--) {
            c[i] = (byte) x;
            x >>>= 8;
        }
        block = mac.doFinal(c);
        pos = 0;
    }
}
