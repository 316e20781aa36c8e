package nnet.runtime.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The kernel tests run twice (see the runtime's pom): with the Vector API and without the module, so
 * that both the register tiles and the scalar fallback are checked. This makes sure each run took the
 * path it was meant to, instead of silently testing the same one twice.
 */
class SimdTest {
    @Test
    void theKernelsRunOnThePathTheBuildAskedFor() {
        boolean expected = !"false".equals(System.getProperty("nnet.expect.simd"));
        assertThat(Simd.enabled()).as(Simd.describe()).isEqualTo(expected);
        assertThat(Simd.describe()).contains(expected ? "vector kernels" : "--add-modules jdk.incubator.vector");
    }
}
