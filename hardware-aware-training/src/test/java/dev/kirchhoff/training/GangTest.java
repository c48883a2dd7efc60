package dev.kirchhoff.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class GangTest {
    @Test
    void everyItemRunsExactlyOnceOverManyJobs() {
        try (Gang gang = new Gang(3, "test")) {
            // many short jobs, so that workers arrive late, early and in the middle of the next job
            AtomicIntegerArray hits = new AtomicIntegerArray(7);
            for (int job = 0; job < 20_000; job++) {
                gang.run(job % 8, (item, member) -> hits.incrementAndGet(item));
            }
            // item i exists in the jobs whose count (job % 8) exceeds i: 2,500 jobs per count value
            for (int i = 0; i < 7; i++) {
                assertEquals(2_500 * (7 - i), hits.get(i), "item " + i);
            }
        }
    }

    @Test
    void membersAreTheCallerAndTheWorkers() {
        try (Gang gang = new Gang(2, "test")) {
            boolean[] seen = new boolean[2];
            String caller = Thread.currentThread().getName();
            for (int job = 0; job < 1000; job++) {
                gang.run(4, (item, member) -> {
                    seen[member] = true;
                    assertEquals(member == 0, Thread.currentThread().getName().equals(caller));
                });
            }
            assertTrue(seen[0], "the caller always takes items");
        }
    }

    @Test
    void aWorkersFailureReachesTheCallerAndTheGangGoesOn() {
        try (Gang gang = new Gang(3, "test")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gang.run(6, (item, member) -> {
                if (item == 4) {
                    throw new IllegalArgumentException("item 4 failed");
                }
            }));
            assertEquals("item 4 failed", e.getMessage());
            int[] hits = new int[3];
            gang.run(3, (item, member) -> hits[item]++);
            assertArrayEquals(new int[] {1, 1, 1}, hits, "the gang still works after a failure");
        }
    }
}
