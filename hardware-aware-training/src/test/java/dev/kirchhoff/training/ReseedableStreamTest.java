package dev.kirchhoff.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.apache.commons.rng.core.source64.SplitMix64;
import org.apache.commons.rng.core.source64.XoShiRo256PlusPlus;
import org.junit.jupiter.api.Test;

class ReseedableStreamTest {
    @Test
    void reseedingGivesWhatAFreshGeneratorGives() {
        ReseedableStream s = new ReseedableStream();
        s.nextInt(); // leaves half a long cached, which the reseed must drop
        s.nextBoolean();
        s.reseed(1, 2, 3, 4);
        XoShiRo256PlusPlus fresh = new XoShiRo256PlusPlus(1, 2, 3, 4);
        assertEquals(fresh.nextInt(), s.nextInt());
        assertEquals(fresh.nextBoolean(), s.nextBoolean());
        for (int k = 0; k < 10; k++) {
            assertEquals(fresh.nextLong(), s.nextLong());
        }
    }

    @Test
    void streamKOfASeedUsesSplitMixWords4kTo4kPlus3() {
        SplitMix64 words = new SplitMix64(99L);
        long[] w = new long[12];
        for (int k = 0; k < w.length; k++) {
            w[k] = words.nextLong();
        }
        XoShiRo256PlusPlus third = new XoShiRo256PlusPlus(w[8], w[9], w[10], w[11]);
        ReseedableStream s = ReseedableStream.of(99L, 2);
        assertEquals(third.nextLong(), s.nextLong());
        assertNotEquals(ReseedableStream.of(99L, 0).nextLong(), ReseedableStream.of(99L, 1).nextLong());
    }

    @Test
    void theAllZeroStateIsReplaced() {
        ReseedableStream s = new ReseedableStream();
        s.reseed(0, 0, 0, 0);
        assertNotEquals(0L, s.nextLong() | s.nextLong());
    }
}
