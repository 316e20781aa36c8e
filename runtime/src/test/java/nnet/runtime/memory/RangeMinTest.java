package nnet.runtime.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class RangeMinTest {

    @Test
    void agreesWithAScanOnEveryRange() {
        Random random = new Random(5);
        for (int length = 1; length <= 70; length++) {
            int[] values = random.ints(length, -1000, 1000).toArray();
            RangeMin rangeMin = new RangeMin(values);
            for (int lo = 0; lo < length; lo++) {
                for (int hi = lo; hi < length; hi++) {
                    int expected = Arrays.stream(values, lo, hi + 1).min().getAsInt();
                    assertThat(rangeMin.min(lo, hi)).as("min of %d..%d", lo, hi).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void handlesAnEmptyArray() {
        assertThat(new RangeMin(new int[0])).isNotNull();
    }
}
