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
     * db[c] (+)= the sum of dy over images and positions for channel c, dy being [batch][channels][positions]:
     * image by image in order, see {@link #addImage}.
     */
    static void gradient(int batch, int channels, int positions, float[] dy, int dyOff,
                         float[] db, int dbOff, boolean accumulate) {
        if (batch == 0 && !accumulate) {
            Arrays.fill(db, dbOff, dbOff + channels, 0);
        }
        for (int n = 0; n < batch; n++) {
            addImage(channels, positions, dy, dyOff + n * channels * positions, db, dbOff, accumulate || n > 0);
        }
    }

    /** db[c] = (add ? db[c] : 0) + the sum of one image's plane c at imageOff, by {@link #rowSum}. */
    static void addImage(int channels, int positions, float[] dy, int imageOff, float[] db, int dbOff,
                         boolean add) {
        for (int c = 0; c < channels; c++) {
            float sum = rowSum(dy, imageOff + c * positions, positions);
            db[dbOff + c] = add ? db[dbOff + c] + sum : sum;
        }
    }

    /**
     * The sum of {@code length} elements from off, as eight interleaved partial sums (element i goes to
     * sum i mod 8, in order) added pairwise, ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)): eight
     * chains keep both adders busy through their four-cycle latency, which a single chain would wait for at
     * every element. (C2 does not vectorise loops over an offset into the caller's array.)
     */
    static float rowSum(float[] v, int off, int length) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            s0 += v[off + i];
            s1 += v[off + i + 1];
            s2 += v[off + i + 2];
            s3 += v[off + i + 3];
            s4 += v[off + i + 4];
            s5 += v[off + i + 5];
            s6 += v[off + i + 6];
            s7 += v[off + i + 7];
        }
        int rest = length - i;
        s0 += rest > 0 ? v[off + i] : 0;
        s1 += rest > 1 ? v[off + i + 1] : 0;
        s2 += rest > 2 ? v[off + i + 2] : 0;
        s3 += rest > 3 ? v[off + i + 3] : 0;
        s4 += rest > 4 ? v[off + i + 4] : 0;
        s5 += rest > 5 ? v[off + i + 5] : 0;
        s6 += rest > 6 ? v[off + i + 6] : 0;
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
