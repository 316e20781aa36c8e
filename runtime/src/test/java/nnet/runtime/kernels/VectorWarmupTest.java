package nnet.runtime.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * With the Vector API, the warm-up ends because the vector kernels became faster than the scalar ones,
 * not because its time ran out (which would keep the products scalar); without it, there is none.
 */
class VectorWarmupTest {
    @Test
    void endsWithTheVectorKernelsFasterWhenPresent() {
        if (!Simd.enabled()) {
            assertThat(Simd.ready()).as("no vector kernels to switch to").isFalse();
            return;
        }
        VectorWarmup.Outcome outcome = VectorWarmup.run();
        System.out.printf("vector warm-up: %d rounds, %.2f s, vector/scalar time %.2f%n", outcome.rounds(),
                outcome.nanos() / 1e9, outcome.lastRatio());
        assertThat(outcome.won()).as("%s", outcome).isTrue();
    }
}
