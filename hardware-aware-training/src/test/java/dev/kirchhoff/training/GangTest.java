package dev.kirchhoff.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GangTest {
    @Test
    void everyMemberRunsOnceAndAWorkersFailureReachesTheCaller() {
        try (Gang gang = new Gang(3, "test")) {
            int[] hits = new int[3];
            gang.run(t -> hits[t]++);
            gang.run(t -> hits[t]++);
            assertArrayEquals(new int[] {2, 2, 2}, hits);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gang.run(t -> {
                if (t == 2) {
                    throw new IllegalArgumentException("member 2 failed");
                }
            }));
            assertEquals("member 2 failed", e.getMessage());
            gang.run(t -> hits[t]++);
            assertArrayEquals(new int[] {3, 3, 3}, hits, "the gang still works after a failure");
        }
    }
}
