package nnet.runtime.memory;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ArenaPlanVerifyTest {
    private static final long[] SIZES = {64, 32, 48};
    private static final int[] FIRST = {0, 2, 5};
    private static final int[] LAST = {3, 6, 7};

    @Test
    void acceptsACorrectHandWrittenPlan() {
        ArenaPlan plan = new ArenaPlan(new long[] {0, 64, 0}, 96, 144, 96);
        assertThatCode(() -> plan.verify(SIZES, FIRST, LAST)).doesNotThrowAnyException();
    }

    @Test
    void namesTwoLiveBuffersThatOverlap() {
        ArenaPlan plan = new ArenaPlan(new long[] {0, 48, 96}, 144, 144, 96);
        assertThatThrownBy(() -> plan.verify(SIZES, FIRST, LAST))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("buffers 0 and 1 are live at a common step and overlap")
                .hasMessageContaining("buffer 0 at [0, 64) steps 0..3")
                .hasMessageContaining("buffer 1 at [48, 80) steps 2..6");
    }

    @Test
    void catchesOverlapWhenOneBufferStartsAtTheStepTheOtherEnds() {
        ArenaPlan plan = new ArenaPlan(new long[] {0, 64, 80}, 128, 144, 96);
        assertThatThrownBy(() -> plan.verify(SIZES, FIRST, LAST))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("buffers 1 and 2");
    }

    @Test
    void catchesTwoBuffersAtTheSameOffset() {
        ArenaPlan plan = new ArenaPlan(new long[] {0, 0, 64}, 112, 144, 96);
        assertThatThrownBy(() -> plan.verify(SIZES, FIRST, LAST))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("buffers 0 and 1");
    }

    @Test
    void catchesAPlannedArenaBrokenByMovingOneBuffer() {
        Random random = new Random(11);
        Buffers b = Buffers.random(random, 300);
        while (b.count() < 50) {
            b = Buffers.random(random, 300);
        }
        long[] offsets = b.plan().offsets();
        int moved = largestBuffer(b);
        int victim = liveNeighbourOf(b, moved);
        offsets[moved] = offsets[victim];
        ArenaPlan broken = new ArenaPlan(offsets, b.plan().arenaSize() + b.sizes()[moved], 0, 0);
        Buffers checked = b;
        assertThatThrownBy(() -> broken.verify(checked.sizes(), checked.first(), checked.last()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("buffer " + moved + " at");
    }

    @Test
    void rejectsAnUnalignedOffset() {
        ArenaPlan plan = new ArenaPlan(new long[] {0, 72, 0}, 104, 144, 96);
        assertThatThrownBy(() -> plan.verify(SIZES, FIRST, LAST))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("buffer 1 offset 72 is not a multiple of 16");
    }

    @Test
    void rejectsABufferOutsideTheArena() {
        ArenaPlan plan = new ArenaPlan(new long[] {0, 64, 0}, 90, 144, 96);
        assertThatThrownBy(() -> plan.verify(SIZES, FIRST, LAST))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("buffer 1 at [64, 96) steps 2..6 lies outside the arena of 90 elements");
    }

    @Test
    void rejectsBuffersThatDoNotMatchThePlan() {
        ArenaPlan plan = new ArenaPlan(new long[] {0, 64}, 96, 144, 96);
        assertThatThrownBy(() -> plan.verify(SIZES, FIRST, LAST))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plan has 2 offsets for 3 buffers");
    }

    private static int largestBuffer(Buffers b) {
        int largest = 0;
        for (int i = 1; i < b.count(); i++) {
            largest = b.sizes()[i] > b.sizes()[largest] ? i : largest;
        }
        return largest;
    }

    private static int liveNeighbourOf(Buffers b, int buffer) {
        for (int i = 0; i < b.count(); i++) {
            if (i != buffer && b.sizes()[i] > 0 && b.liveTogether(i, buffer)) {
                return i;
            }
        }
        throw new IllegalStateException("test case has no buffer live with buffer " + buffer);
    }
}
