package org.carewatch.patrol.draw;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The generator and canonical form as documented, so another implementation can check itself against these. */
class DrawRandomTest {
    static final Seed SEED = Seed.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "seed");

    @Test
    void streamBytesAreHmacSha256OfLabelZeroAndBigEndianCounter() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SEED.bytes(), "HmacSHA256"));
        mac.update("targets".getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        byte[] block0 = mac.doFinal(new byte[] {0, 0, 0, 0, 0, 0, 0, 0});
        long first = 0;
        for (int i = 0; i < 8; i++) {
            first = (first << 8) | (block0[i] & 0xFF);
        }
        DrawRandom r = DrawRandom.stream(SEED, "targets");
        assertThat(r.nextLong()).isEqualTo(first);
        // The fifth value comes from block 1.
        r.nextLong();
        r.nextLong();
        r.nextLong();
        mac.update("targets".getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        byte[] block1 = mac.doFinal(new byte[] {0, 0, 0, 0, 0, 0, 0, 1});
        long fifth = 0;
        for (int i = 0; i < 8; i++) {
            fifth = (fifth << 8) | (block1[i] & 0xFF);
        }
        assertThat(r.nextLong()).isEqualTo(fifth);
    }

    @Test
    void knownValuesForReImplementations() {
        // Published in the README: an independent implementation must print the same.
        DrawRandom r = DrawRandom.stream(SEED, "order/0");
        List<Integer> list = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        r.shuffle(list);
        assertThat(SEED.commitment()).isEqualTo("630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd");
        assertThat(HexFormat.of().toHexDigits(DrawRandom.stream(SEED, "targets").nextLong())).isEqualTo(KNOWN_FIRST);
        assertThat(list).isEqualTo(KNOWN_SHUFFLE);
    }

    static final String KNOWN_FIRST = "46133c7adb03b84e";
    static final List<Integer> KNOWN_SHUFFLE = List.of(7, 6, 9, 4, 8, 2, 5, 3, 1, 0);

    @Test
    void belowIsUniformEnoughAndInRange() {
        DrawRandom r = DrawRandom.stream(SEED, "x");
        int[] counts = new int[3];
        for (int i = 0; i < 30_000; i++) {
            counts[r.below(3)]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(9_500, 10_500);
        }
    }

    @Test
    void canonicalFormSortsKeysAndEscapesAsRfc8785() {
        ObjectNode o = Canonical.object();
        o.put("b", 1);
        o.put("a", "x\"\\\n\u0001é");
        o.putNull("c");
        o.putArray("d").add(true).add(-3);
        assertThat(Canonical.string(o)).isEqualTo("{\"a\":\"x\\\"\\\\\\n\\u0001é\",\"b\":1,\"c\":null,\"d\":[true,-3]}");
    }
}
