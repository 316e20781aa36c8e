package nnet.runtime.memory;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArenaPlannerValidationTest {

    @Test
    void rejectsArraysOfDifferentLengths() {
        assertThatThrownBy(() -> ArenaPlanner.plan(new long[2], new int[2], new int[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("array lengths differ: 2 sizes, 2 first steps, 3 last steps");
    }

    @Test
    void rejectsANegativeSize() {
        assertThatThrownBy(() -> ArenaPlanner.plan(new long[] {4, -1}, new int[2], new int[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("buffer 1 has negative size -1");
    }

    @Test
    void rejectsALastStepBeforeTheFirst() {
        assertThatThrownBy(() -> ArenaPlanner.plan(new long[] {4}, new int[] {5}, new int[] {4}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("buffer 0 has last step 4 before first step 5");
    }

    @Test
    void rejectsMissingArrays() {
        assertThatThrownBy(() -> ArenaPlanner.plan(null, new int[0], new int[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be null");
    }

    @Test
    void rejectsATotalBeyondLong() {
        long[] sizes = {Long.MAX_VALUE / 2, Long.MAX_VALUE / 2, Long.MAX_VALUE / 2};
        assertThatThrownBy(() -> ArenaPlanner.plan(sizes, new int[3], new int[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceeds the range of long");
    }
}
