package nnet.runtime.memory;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class PropertyCheckTest {

    @Test
    void reportsAFailingCaseShrunkToWhatMatters() {
        assertThatThrownBy(() -> PropertyCheck.forAll(100, 300,
                b -> assertThat(Arrays.stream(b.sizes()).max().orElse(0)).isLessThan(1_000_000)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("seed")
                .hasMessageContaining("shrunk to 1 buffers");
    }

    @Test
    void passesWhenThePropertyHolds() {
        PropertyCheck.forAll(100, 300, b -> assertThat(b.count()).isLessThanOrEqualTo(300));
    }
}
