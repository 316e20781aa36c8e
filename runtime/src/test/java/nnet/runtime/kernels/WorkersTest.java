package nnet.runtime.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkersTest {
    private final int threadsBefore = Workers.threads();

    @AfterEach
    void restoreThreads() {
        Workers.setThreads(threadsBefore);
    }

    @Test
    void everyPartRunsExactlyOnce() {
        Workers.setThreads(4);
        for (int round = 0; round < 2000; round++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(4);
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            Workers.run(4, (part, parts) -> {
                assertThat(parts).isEqualTo(4);
                runs.incrementAndGet(part);
                threads.add(Thread.currentThread());
            });
            for (int p = 0; p < 4; p++) {
                assertThat(runs.get(p)).as("part %d in round %d", p, round).isEqualTo(1);
            }
            assertThat(threads).isNotEmpty().hasSizeLessThanOrEqualTo(4);
        }
    }

    @Test
    void handOversOfDifferentSizesInQuickSuccessionRunEachPartOnce() {
        Workers.setThreads(4);
        java.util.Random random = new java.util.Random(5);
        for (int round = 0; round < 20000; round++) {
            int parts = 1 + random.nextInt(4);
            AtomicIntegerArray runs = new AtomicIntegerArray(parts);
            Workers.run(parts, (part, n) -> {
                assertThat(n).isEqualTo(parts);
                runs.incrementAndGet(part);
            });
            for (int p = 0; p < parts; p++) {
                assertThat(runs.get(p)).as("part %d of %d in round %d", p, parts, round).isEqualTo(1);
            }
        }
    }

    @Test
    void workHandedOverFromInsideAPartRunsOnTheCallerAlone() {
        Workers.setThreads(3);
        AtomicIntegerArray inner = new AtomicIntegerArray(3 * 3);
        Workers.run(3, (part, parts) -> Workers.run(3, (p, n) -> inner.incrementAndGet(part * 3 + p)));
        for (int i = 0; i < 9; i++) {
            assertThat(inner.get(i)).isEqualTo(1);
        }
    }

    @Test
    void aFailingPartIsRethrownToTheCallerAndThePoolStaysUsable() {
        Workers.setThreads(2);
        assertThatThrownBy(() -> Workers.run(2, (part, parts) -> {
            if (part == 1) {
                throw new IllegalStateException("part 1 failed");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("part 1 failed");
        AtomicIntegerArray runs = new AtomicIntegerArray(2);
        Workers.run(2, (part, parts) -> runs.incrementAndGet(part));
        assertThat(runs.get(0) + runs.get(1)).isEqualTo(2);
    }

    @Test
    void threadCountsAreChecked() {
        assertThatThrownBy(() -> Workers.setThreads(0)).hasMessageContaining("between 1 and 1024, got 0");
        Workers.setThreads(2);
        assertThatThrownBy(() -> Workers.run(3, (part, parts) -> { })).hasMessageContaining("3 parts for 2 threads");
        Workers.setThreads(1);
        assertThat(Workers.threads()).isEqualTo(1);
    }
}
