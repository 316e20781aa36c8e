package nnet.runtime.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Small schedules whose best plan is known. */
class ArenaPlannerExamplesTest {

    @Test
    void noBuffersNeedNoArena() {
        ArenaPlan plan = ArenaPlanner.plan(new long[0], new int[0], new int[0]);
        assertThat(plan.offsets()).isEmpty();
        assertThat(plan.arenaSize()).isZero();
        assertThat(plan.unplannedSize()).isZero();
        assertThat(plan.lowerBound()).isZero();
    }

    @Test
    void oneBufferSitsAtZeroAndIsCountedAlignedOnlyWhenUnplanned() {
        ArenaPlan plan = ArenaPlanner.plan(new long[] {100}, new int[] {3}, new int[] {5});
        assertThat(plan.offsets()).containsExactly(0);
        assertThat(plan.arenaSize()).isEqualTo(100);
        assertThat(plan.unplannedSize()).isEqualTo(112);
        assertThat(plan.lowerBound()).isEqualTo(100);
    }

    @Test
    void buffersLiveAtDisjointStepsAllReuseOffsetZero() {
        ArenaPlan plan = ArenaPlanner.plan(new long[] {500, 30, 2000, 7}, new int[] {0, 2, 4, 9}, new int[] {1, 3, 8, 9});
        assertThat(plan.offsets()).containsOnly(0);
        assertThat(plan.arenaSize()).isEqualTo(2000);
    }

    @Test
    void buffersLiveTogetherAreStackedOnAlignedOffsets() {
        ArenaPlan plan = ArenaPlanner.plan(new long[] {1, 1, 1}, new int[] {0, 0, 0}, new int[] {4, 4, 4});
        assertThat(plan.offsets()).containsExactlyInAnyOrder(0, 16, 32);
        assertThat(plan.arenaSize()).isEqualTo(33);
        assertThat(plan.unplannedSize()).isEqualTo(48);
        assertThat(plan.lowerBound()).isEqualTo(3);
    }

    @Test
    void aBufferEndingAtAStepConflictsWithOneStartingThere() {
        ArenaPlan plan = ArenaPlanner.plan(new long[] {64, 64}, new int[] {0, 3}, new int[] {3, 6});
        assertThat(plan.arenaSize()).isEqualTo(128);
    }

    @Test
    void emptyBuffersSitAtZeroEvenAmongLiveOnes() {
        ArenaPlan plan = ArenaPlanner.plan(new long[] {64, 0, 64}, new int[] {0, 0, 0}, new int[] {1, 1, 1});
        assertThat(plan.offset(1)).isZero();
        assertThat(plan.arenaSize()).isEqualTo(128);
    }

    @Test
    void aSmallBufferFillsTheGapLeftByAFreedOne() {
        // 0 and 2 are live together, 1 dies before 2 starts: 3 fits into 1's old place below 2.
        long[] sizes = {256, 128, 256, 96};
        int[] first = {0, 0, 2, 3};
        int[] last = {5, 1, 5, 5};
        ArenaPlan plan = ArenaPlanner.plan(sizes, first, last);
        assertThat(plan.arenaSize()).isEqualTo(plan.lowerBound()).isEqualTo(608);
    }

    /**
     * A chain where largest-first stacks three buffers (336 elements): 144@1..2 and 160@4..5 go to 0, 144@3..4
     * above the latter, and 32@2..3 fits in neither gap. Placing in step order under a ceiling needs only the
     * largest adjacent pair, 304.
     */
    @Test
    void chainBeatsLargestFirst() {
        long[] sizes = {16, 144, 32, 144, 160};
        int[] first = {0, 1, 2, 3, 4};
        int[] last = {1, 2, 3, 4, 5};
        Buffers b = new Buffers(sizes, first, last);
        assertThat(ReferenceGreedy.arenaSize(b)).isEqualTo(336);
        assertThat(ArenaPlanner.plan(sizes, first, last).arenaSize()).isEqualTo(304);
    }

    /** Forward activations live until their backward step; each layer also has a one-step temporary. */
    @Test
    void trainingScheduleReachesTheLowerBound() {
        int layers = 50;
        long[] sizes = new long[2 * layers];
        int[] first = new int[2 * layers];
        int[] last = new int[2 * layers];
        for (int i = 0; i < layers; i++) {
            sizes[i] = 1024L * (1 + i % 7);
            first[i] = i;
            last[i] = 2 * layers - i;
            sizes[layers + i] = 512;
            first[layers + i] = i;
            last[layers + i] = i;
        }
        ArenaPlan plan = ArenaPlanner.plan(sizes, first, last);
        assertThat(plan.arenaSize()).isEqualTo(plan.lowerBound());
    }

    @Test
    void theSameInputGivesTheSamePlan() {
        Buffers b = Buffers.random(new Random(1), 2000);
        ArenaPlan once = b.plan();
        ArenaPlan again = b.plan();
        assertThat(again).isEqualTo(once);
        assertThat(again.offsets()).isEqualTo(once.offsets());
    }

    @Test
    void extremeStepsAndLargeSizesDoNotOverflow() {
        long big = Long.MAX_VALUE / 8;
        long[] sizes = {big, big, 16};
        int[] first = {Integer.MIN_VALUE, 0, Integer.MAX_VALUE};
        int[] last = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        ArenaPlan plan = ArenaPlanner.plan(sizes, first, last);
        plan.verify(sizes, first, last);
        assertThat(plan.lowerBound()).isEqualTo(2 * big + 16);
        assertThat(plan.arenaSize()).isLessThanOrEqualTo(plan.unplannedSize());
    }

    @Test
    void tenThousandBuffersArePlannedQuickly() {
        Random random = new Random(3);
        int n = 10_000;
        long[] sizes = random.longs(n, 1, 1_000_000).toArray();
        int[] first = random.ints(n, 0, n / 2).toArray();
        int[] last = Arrays.stream(first).map(f -> f + random.nextInt(50)).toArray();
        long start = System.nanoTime();
        ArenaPlan plan = ArenaPlanner.plan(sizes, first, last);
        long millis = (System.nanoTime() - start) / 1_000_000;
        plan.verify(sizes, first, last);
        // Typically well under a second; the bound only catches a slip to cubic time.
        assertThat(millis).isLessThan(10_000);
    }
}
