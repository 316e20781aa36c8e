package nnet.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Axis ticks: round steps that cover the data, and short labels. */
class TicksTest {

    @Test
    void linearTicksAreRoundAndCoverTheRange() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 500; trial++) {
            double lo = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3);
            double hi = lo + Math.abs(rnd.nextGaussian()) * Math.pow(10, rnd.nextInt(7) - 3) + 1e-6;
            Ticks.Axis a = Ticks.linear(lo, hi, 6);
            assertThat(a.min()).isLessThanOrEqualTo(lo);
            assertThat(a.max()).isGreaterThanOrEqualTo(hi);
            assertThat(a.ticks()).hasSizeBetween(3, 12);
            double step = a.ticks().get(1) - a.ticks().get(0);
            double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
            assertThat(Math.round(mantissa * 1e6) / 1e6).as("step %s", step).isIn(1.0, 2.0, 2.5, 5.0, 10.0);
        }
    }

    @Test
    void accuracyGetsTenthsAndEpochsWholeNumbers() {
        assertThat(Ticks.linear(0.57, 0.99, 6).ticks()).containsExactly(0.5, 0.6, 0.7, 0.8, 0.9, 1.0);
        assertThat(Ticks.linear(0, 30, 10).ticks()).containsExactly(0.0, 5.0, 10.0, 15.0, 20.0, 25.0, 30.0);
    }

    @Test
    void logTicksArePowersOfTenAndTheirMultiples() {
        Ticks.Axis a = Ticks.log(0.006, 2.3);
        assertThat(a.log()).isTrue();
        assertThat(a.min()).isLessThan(0.006).isGreaterThan(0.005);
        assertThat(a.ticks()).containsExactly(0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0);
        assertThat(Ticks.log(1e-4, 10).ticks()).containsExactly(1e-4, 1e-3, 0.01, 0.1, 1.0, 10.0);
    }

    @Test
    void labelsAreShort() {
        assertThat(Ticks.label(0.30000000000000004)).isEqualTo("0.3");
        assertThat(Ticks.label(0)).isEqualTo("0");
        assertThat(Ticks.label(2500)).isEqualTo("2,500");
        assertThat(Ticks.label(1e-5)).isEqualTo("1e-5");
        assertThat(Ticks.label(2e6)).isEqualTo("2e6");
    }
}
