package nnet.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The property tests are only as good as the harness, so check that it runs, grows and reports. */
class PropertiesTest {
    @Test
    void reportsTheSeedAndTheCaseOfAFailure() {
        assertThatThrownBy(() -> Properties.forAll("small", 100, (random, size) -> size,
                size -> assertThat(size).isLessThan(50)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("small fails on try 51 of 100 (seed ")
                .hasMessageContaining(") for 50");
    }

    @Test
    void turnsOtherExceptionsIntoFailures() {
        assertThatThrownBy(() -> Properties.forAll("boom", 10, (random, size) -> "x", x -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(AssertionError.class).hasMessageContaining("for 'x'").hasMessageContaining("boom");
    }

    @Test
    void runsEveryTryWithSizesGrowingFromZero() {
        List<Integer> sizes = new ArrayList<>();
        Properties.forAll("sizes", 200, (random, size) -> size, sizes::add);
        assertThat(sizes).hasSize(200).startsWith(0, 0).endsWith(99).isSorted();
    }

    @Test
    void isRepeatable() {
        List<Long> first = new ArrayList<>();
        List<Long> second = new ArrayList<>();
        Properties.forAll("repeat", 20, (random, size) -> random.nextLong(), first::add);
        Properties.forAll("repeat", 20, (random, size) -> random.nextLong(), second::add);
        assertThat(first).isEqualTo(second).doesNotHaveDuplicates();
    }
}
