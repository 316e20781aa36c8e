package nnet.runtime.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The conventions of {@link Conv}: output sizes, empty sizes, argument checks and allocation-free calls. */
class ConvApiTest {
    @Test
    void outputSizesFollowPyTorch() {
        assertThat(Conv.conv2dOutputSize(28, 3, 1, 1, 1)).isEqualTo(28);
        assertThat(Conv.conv2dOutputSize(28, 3, 2, 1, 1)).isEqualTo(14);
        assertThat(Conv.conv2dOutputSize(10, 3, 3, 0, 2)).isEqualTo(2);
        assertThat(Conv.conv2dOutputSize(5, 5, 1, 0, 1)).isEqualTo(1);
        assertThatThrownBy(() -> Conv.conv2dOutputSize(4, 3, 1, 0, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyBatchZeroesTheWeightGradientUnlessAccumulating() {
        float[] dw = {7, 7, 7, 7, 7};
        float[] db = {5, 5, 5};
        Conv.conv2dBackwardWeight(0, 1, 3, 3, 2, 1, 2, 1, 1, 0, 0, 1, 1, 1, new float[0], 0, new float[0], 0,
                dw, 1, db, 1, true, null, 0);
        assertThat(dw).containsExactly(7, 7, 7, 7, 7);
        assertThat(db).containsExactly(5, 5, 5);
        Conv.conv2dBackwardWeight(0, 1, 3, 3, 2, 1, 2, 1, 1, 0, 0, 1, 1, 1, new float[0], 0, new float[0], 0,
                dw, 1, db, 1, false, null, 0);
        assertThat(dw).containsExactly(7, 0, 0, 0, 0);
        assertThat(db).containsExactly(5, 0, 0);
        float[] sums = {5, 5};
        Conv.biasGradient(0, 1, 4, new float[0], 0, sums, 1, false);
        assertThat(sums).containsExactly(5, 0);
    }

    @Test
    void withoutInputChannelsTheOutputIsTheBias() {
        float[] y = new float[2 * 2 * 4];
        float[] scratch = new float[Conv.conv2dScratchSize(2, 0, 2, 2, 2, 3, 3, 1, 1, 1, 1, 1, 1, 1)];
        Conv.conv2d(2, 0, 2, 2, 2, 3, 3, 1, 1, 1, 1, 1, 1, 1, new float[0], 0, new float[0], 0, new float[] {1, -2},
                0, y, 0, false, scratch, 0);
        assertThat(y).containsExactly(1, 1, 1, 1, -2, -2, -2, -2, 1, 1, 1, 1, -2, -2, -2, -2);
    }

    @Test
    void withoutOutputChannelsTheInputGradientIsZero() {
        float[] dx = {3, 3, 3, 3};
        int scratch = Conv.conv2dBackwardDataScratchSize(1, 1, 2, 2, 0, 3, 3, 1, 1, 1, 1, 1, 1, 1);
        Conv.conv2dBackwardData(1, 1, 2, 2, 0, 3, 3, 1, 1, 1, 1, 1, 1, 1, new float[0], 0, new float[0], 0, dx, 0,
                false, new float[scratch], 0);
        assertThat(dx).containsExactly(0, 0, 0, 0);
    }

    @Test
    void scratchHoldsColumnMatricesAndForShortPlanesAStagedOutput() {
        assertThat(Conv.conv2dScratchSize(8, 16, 28, 28, 32, 1, 1, 1, 1, 0, 0, 1, 1, 1)).as("pointwise").isZero();
        assertThat(Conv.conv2dBackwardDataScratchSize(8, 16, 7, 7, 32, 1, 1, 1, 1, 0, 0, 1, 1, 1)).isZero();
        assertThat(Conv.conv2dBackwardWeightScratchSize(8, 16, 7, 7, 32, 1, 1, 1, 1, 0, 0, 1, 1, 1)).isZero();
        assertThat(Conv.conv2dScratchSize(8, 16, 28, 28, 32, 3, 3, 1, 1, 1, 1, 1, 1, 1)).isEqualTo(16 * 9 * 784);
        // 7 x 7 planes: eleven images (at most the batch, 8) per product, their columns and outputs side by side.
        assertThat(Conv.conv2dScratchSize(8, 16, 7, 7, 32, 3, 3, 1, 1, 1, 1, 1, 1, 1))
                .isEqualTo((16 * 9 + 32) * 8 * 49);
        assertThat(Conv.conv2dScratchSize(8, 16, 7, 7, 32, 1, 1, 1, 1, 0, 0, 1, 1, 1)).isEqualTo((16 + 32) * 8 * 49);
        assertThat(Conv.conv2dBackwardWeightScratchSize(8, 16, 7, 7, 32, 3, 3, 1, 1, 1, 1, 1, 1, 1))
                .isEqualTo(16 * 9 * 49);
    }

    @Test
    void rejectsBadArgumentsBeforeWriting() {
        float[] x = new float[2 * 4 * 4];
        float[] w = new float[3 * 2 * 9];
        float[] y = new float[3 * 4 * 4];
        float[] s = new float[Conv.conv2dScratchSize(1, 2, 4, 4, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1)];
        y[0] = 42;
        assertThatThrownBy(() -> Conv.conv2d(1, 2, 4, 4, 3, 3, 3, 1, 1, 1, 1, 1, 1, 2, x, 0, w, 0, null, 0, y, 0,
                false, s, 0)).as("groups not dividing 3").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Conv.conv2d(1, 2, 4, 4, 3, 3, 3, 0, 1, 1, 1, 1, 1, 1, x, 0, w, 0, null, 0, y, 0,
                false, s, 0)).as("stride 0").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Conv.conv2d(1, 2, 4, 4, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, x, 1, w, 0, null, 0, y, 0,
                false, s, 0)).as("x too short").isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Conv.conv2d(1, 2, 4, 4, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, x, 0, w, 0, new float[2], 0,
                y, 0, false, s, 0)).as("bias too short").isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Conv.conv2d(1, 2, 4, 4, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, x, 0, w, 0, null, 0, y, 0,
                false, s, 1)).as("scratch too short").isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Conv.conv2d(1, 2, 4, 4, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, x, 0, w, 0, null, 0, y, 0,
                false, null, 0)).as("no scratch").isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Conv.conv2d(1, 2, 2, 2, 3, 3, 3, 1, 1, 0, 0, 1, 1, 1, x, 0, w, 0, null, 0, y, 0,
                false, s, 0)).as("input smaller than the kernel").isInstanceOf(IllegalArgumentException.class);
        assertThat(y[0]).isEqualTo(42);
        assertThat(y).containsOnlyOnce(42);
    }

    @Test
    void steadyStateCallsAllocateNothing() {
        int n = 4;
        float[] x = new float[n * 3 * 12 * 12];
        float[] w = new float[5 * 3 * 9];
        float[] b = new float[5];
        float[] y = new float[n * 5 * 6 * 6];
        float[] sameSize = new float[n * 5 * 12 * 12];
        float[] s = new float[Math.max(Conv.conv2dBackwardDataScratchSize(n, 3, 12, 12, 5, 3, 3, 1, 1, 1, 1, 1, 1, 1),
                Conv.conv2dScratchSize(n, 3, 12, 12, 5, 3, 3, 2, 2, 1, 1, 1, 1, 1))];
        Runnable passes = () -> {
            Conv.conv2d(n, 3, 12, 12, 5, 3, 3, 2, 2, 1, 1, 1, 1, 1, x, 0, w, 0, b, 0, y, 0, false, s, 0);
            Conv.conv2dBackwardData(n, 3, 12, 12, 5, 3, 3, 2, 2, 1, 1, 1, 1, 1, y, 0, w, 0, x, 0, false, s, 0);
            Conv.conv2dBackwardData(n, 3, 12, 12, 5, 3, 3, 1, 1, 1, 1, 1, 1, 1, sameSize, 0, w, 0, x, 0, true, s, 0);
            Conv.conv2dBackwardWeight(n, 3, 12, 12, 5, 3, 3, 2, 2, 1, 1, 1, 1, 1, x, 0, y, 0, w, 0, b, 0, false, s, 0);
            Conv.biasGradient(n, 5, 36, y, 0, b, 0, false);
        };
        assertThat(allocatedBytesPerRun(passes)).isLessThan(8);
    }

    static long allocatedBytesPerRun(Runnable run) {
        for (int i = 0; i < 2000; i++) {
            run.run();
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        int runs = 500;
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < runs; i++) {
            run.run();
        }
        return (threads.getThreadAllocatedBytes(thread) - before) / runs;
    }
}
