package nnet.runtime.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArenaPlanTest {

    @Test
    void summaryGivesSizesInBytes() {
        ArenaPlan plan = new ArenaPlan(new long[0], 307_500, 1_140_000, 275_000);
        assertThat(plan.summary(4)).isEqualTo("arena 1.23 MB (unplanned 4.56 MB, lower bound 1.10 MB)");
    }

    @Test
    void summaryPicksAUnitPerSize() {
        ArenaPlan plan = new ArenaPlan(new long[0], 100, 2_000_000_000L, 0);
        assertThat(plan.summary(8)).isEqualTo("arena 800 B (unplanned 16.00 GB, lower bound 0 B)");
    }

    @Test
    void summaryNeverPrintsAThousandOfAUnit() {
        ArenaPlan plan = new ArenaPlan(new long[0], 999_999, 999, 1000);
        assertThat(plan.summary(1)).isEqualTo("arena 1.00 MB (unplanned 999 B, lower bound 1.00 kB)");
    }

    @Test
    void summaryRejectsANonPositiveElementSize() {
        ArenaPlan plan = new ArenaPlan(new long[0], 0, 0, 0);
        assertThatThrownBy(() -> plan.summary(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void offsetsCannotBeChangedFromOutside() {
        long[] offsets = {0, 16};
        ArenaPlan plan = new ArenaPlan(offsets, 32, 32, 32);
        offsets[1] = 99;
        plan.offsets()[0] = 99;
        assertThat(plan.offsets()).containsExactly(0, 16);
        assertThat(plan.bufferCount()).isEqualTo(2);
    }

    @Test
    void plansWithEqualContentsAreEqual() {
        ArenaPlan a = new ArenaPlan(new long[] {0, 16}, 32, 32, 32);
        ArenaPlan b = new ArenaPlan(new long[] {0, 16}, 32, 32, 32);
        ArenaPlan c = new ArenaPlan(new long[] {16, 0}, 32, 32, 32);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
    }

    @Test
    void rejectsNegativeSizes() {
        assertThatThrownBy(() -> new ArenaPlan(new long[0], -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
