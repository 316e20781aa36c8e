package nnet.runtime.io;

import static nnet.runtime.io.TestTensors.assertSameTensor;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nnet.runtime.Tensor;
import org.junit.jupiter.api.Test;

/** The round-trip tests are only as strict as this comparison, so check that it is exact. */
class TestTensorsTest {
    @Test
    void tellsNegativeZeroFromZero() {
        assertThatThrownBy(() -> assertSameTensor(Tensor.of(new float[] {-0f}, 1), Tensor.of(new float[] {0f}, 1)))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertSameTensor(Tensor.of(new double[] {-0.0}), Tensor.of(new double[] {0.0})))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void treatsNaNAsEqualToItself() {
        assertSameTensor(Tensor.of(new float[] {Float.NaN}, 1), Tensor.of(new float[] {Float.NaN}, 1));
        assertSameTensor(Tensor.of(new double[] {Double.NaN}, 1), Tensor.of(new double[] {Double.NaN}, 1));
    }

    @Test
    void comparesDtypeShapeAndValues() {
        assertThatThrownBy(() -> assertSameTensor(Tensor.of(new int[] {1, 2}, 2), Tensor.of(new float[] {1, 2}, 2)))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertSameTensor(Tensor.of(new int[] {1, 2}, 1, 2), Tensor.of(new int[] {1, 2}, 2)))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertSameTensor(Tensor.of(new int[] {1, 2}, 2), Tensor.of(new int[] {1, 3}, 2)))
                .isInstanceOf(AssertionError.class);
    }
}
