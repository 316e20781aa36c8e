package nnet.runtime.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Invariants every plan must satisfy, checked on random buffer sets against brute-force oracles. */
class ArenaPlannerPropertiesTest {
    private static final int TRIES = 300;
    private static final int MAX_BUFFERS = 300;

    @Test
    void liveBuffersNeverShareMemory() {
        PropertyCheck.forAll(TRIES, MAX_BUFFERS, b -> assertThat(b.firstOverlap(b.plan().offsets())).isNull());
    }

    @Test
    void offsetsAreAlignedAndEmptyBuffersSitAtZero() {
        PropertyCheck.forAll(TRIES, MAX_BUFFERS, b -> {
            long[] offsets = b.plan().offsets();
            for (int i = 0; i < b.count(); i++) {
                assertThat(offsets[i] % 16).as("offset of buffer %d", i).isZero();
                assertThat(offsets[i]).as("offset of buffer %d", i).isNotNegative();
                if (b.sizes()[i] == 0) {
                    assertThat(offsets[i]).as("offset of empty buffer %d", i).isZero();
                }
            }
        });
    }

    @Test
    void reportedSizesMatchTheirDefinitions() {
        PropertyCheck.forAll(TRIES, MAX_BUFFERS, b -> {
            ArenaPlan plan = b.plan();
            long highestEnd = 0;
            for (int i = 0; i < b.count(); i++) {
                highestEnd = b.sizes()[i] == 0 ? highestEnd : Math.max(highestEnd, plan.offset(i) + b.sizes()[i]);
            }
            assertThat(plan.arenaSize()).as("arenaSize").isEqualTo(highestEnd);
            assertThat(plan.unplannedSize()).as("unplannedSize")
                    .isEqualTo(Arrays.stream(b.sizes()).map(Buffers::roundUp16).sum());
            assertThat(plan.lowerBound()).as("lowerBound").isEqualTo(b.naiveLowerBound());
        });
    }

    @Test
    void arenaLiesBetweenTheBounds() {
        PropertyCheck.forAll(TRIES, MAX_BUFFERS, b -> {
            ArenaPlan plan = b.plan();
            assertThat(plan.lowerBound()).isLessThanOrEqualTo(plan.arenaSize());
            assertThat(plan.arenaSize()).isLessThanOrEqualTo(plan.unplannedSize());
        });
    }

    @Test
    void neverWorseThanGreedyBySize() {
        PropertyCheck.forAll(TRIES, MAX_BUFFERS,
                b -> assertThat(b.plan().arenaSize()).isLessThanOrEqualTo(ReferenceGreedy.arenaSize(b)));
    }

    @Test
    void verifyAcceptsEveryPlan() {
        PropertyCheck.forAll(TRIES, MAX_BUFFERS, b -> b.plan().verify(b.sizes(), b.first(), b.last()));
    }

    @Test
    void planningIsDeterministic() {
        PropertyCheck.forAll(100, MAX_BUFFERS, b -> assertThat(b.plan()).isEqualTo(b.plan()));
    }

    /** Buffer i lives at steps i and i+1 and overlaps only its neighbours, so the optimum is the largest pair. */
    @Test
    void chainsOfAlignedBuffersNeedOnlyTheLargestAdjacentPair() {
        Random random = new Random(7);
        for (int t = 0; t < 200; t++) {
            long[] sizes = random.longs(1 + random.nextInt(300), 1, 10_000).map(n -> n * 16).toArray();
            int[] first = new int[sizes.length];
            Arrays.setAll(first, i -> i);
            int[] last = Arrays.stream(first).map(i -> i + 1).toArray();
            long largestPair = sizes.length == 1 ? sizes[0] : 0;
            for (int i = 0; i + 1 < sizes.length; i++) {
                largestPair = Math.max(largestPair, sizes[i] + sizes[i + 1]);
            }
            assertThat(ArenaPlanner.plan(sizes, first, last).arenaSize())
                    .as("chain %s", Arrays.toString(sizes)).isEqualTo(largestPair);
        }
    }
}
