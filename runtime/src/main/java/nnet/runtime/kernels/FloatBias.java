package nnet.runtime.kernels;

import java.util.Arrays;

/** A per-channel bias on NC(positions) tensors: adding it, and its gradient, the sum over images and positions. */
final class FloatBias {
    private FloatBias() {
    }

    /**
     * Starts each of {@code channels} rows of {@code positions} elements at yOff with its channel's bias (added
     * to the old values when accumulating), so that a product accumulated on top gives y (+)= product + bias.
     * Returns whether that product must accumulate: always with a bias, otherwise when the caller asked to.
     */
    static boolean start(float[] bias, int biasOff, float[] y, int yOff, int channels, int positions,
                         boolean accumulate) {
        if (bias == null) {
            return accumulate;
        }
        for (int c = 0; c < channels; c++) {
            int row = yOff + c * positions;
            float b = bias[biasOff + c];
            if (accumulate) {
                for (int j = 0; j < positions; j++) {
                    y[row + j] += b;
                }
            } else {
                Arrays.fill(y, row, row + positions, b);
            }
        }
        return true;
    }

    /**
     * db[c] (+)= the sum of dy over images and positions for channel c, dy being [batch][channels][positions].
     * Images are added in order; within one image's row, see {@link #rowSum}.
     */
    static void gradient(int batch, int channels, int positions, float[] dy, int dyOff,
                         float[] db, int dbOff, boolean accumulate) {
        for (int c = 0; c < channels; c++) {
            float total = accumulate ? db[dbOff + c] : 0;
            for (int n = 0; n < batch; n++) {
                total += rowSum(dy, dyOff + (n * channels + c) * positions, positions);
            }
            db[dbOff + c] = total;
        }
    }

    /**
     * The sum of {@code length} elements from off, as four interleaved partial sums (element i goes to sum
     * i mod 4, in order) added as (s0 + s1) + (s2 + s3): four chains hide the latency of the additions,
     * which a single chain would wait for at every element.
     */
    static float rowSum(float[] v, int off, int length) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 4 <= length; i += 4) {
            s0 += v[off + i];
            s1 += v[off + i + 1];
            s2 += v[off + i + 2];
            s3 += v[off + i + 3];
        }
        if (i < length) {
            s0 += v[off + i];
        }
        if (i + 1 < length) {
            s1 += v[off + i + 1];
        }
        if (i + 2 < length) {
            s2 += v[off + i + 2];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
