package nnet.runtime.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * With the Vector API, the warm-up ends because the kernels' timings settled, not because its time ran
 * out (which would mean the products stayed scalar for its whole length); without it, there is none.
 */
class VectorWarmupTest {
    @Test
    void settlesWhenTheVectorKernelsArePresent() {
        if (!Simd.enabled()) {
            assertThat(Simd.ready()).as("no vector kernels to switch to").isFalse();
            return;
        }
        VectorWarmup.Outcome outcome = VectorWarmup.run();
        System.out.printf("vector warm-up: %d rounds, %.2f s, fastest round %.3f ms%n", outcome.rounds(),
                outcome.nanos() / 1e9, outcome.fastestRoundNanos() / 1e6);
        assertThat(outcome.settled()).as("%s", outcome).isTrue();
    }
}
