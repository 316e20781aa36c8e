package nnet.runtime.kernels;

import java.util.Random;

/**
 * One pooling problem: x [batch][channels][inH][inW] pooled by a window (for max and average pooling) or
 * to a given size (adaptive pooling), with operands at offsets in larger arrays.
 */
record PoolCase(int batch, int channels, int inH, int inW, int kH, int kW, int sH, int sW, int pH, int pW,
                int dH, int dW, boolean countIncludePad, int adaptiveH, int adaptiveW, int inOff, int outOff,
                int argmaxOff, boolean accumulate, long seed) {

    /** A random case; one in four has the common 2 x 2 window with stride 2, which max pooling treats apart. */
    static PoolCase random(Random r, int size) {
        boolean common = r.nextInt(4) == 0;
        int kH = common ? 2 : 1 + r.nextInt(4);
        int kW = common ? 2 : 1 + r.nextInt(4);
        int sH = common ? 2 : 1 + r.nextInt(3);
        int sW = common ? 2 : 1 + r.nextInt(3);
        int dH = common || r.nextBoolean() ? 1 : 1 + r.nextInt(3);
        int dW = common || r.nextBoolean() ? 1 : 1 + r.nextInt(3);
        int pH = common ? 0 : r.nextInt(kH / 2 + 1);
        int pW = common ? 0 : r.nextInt(kW / 2 + 1);
        int extent = 2 + r.nextInt(3 + size / 10);
        int inH = Math.max(1, dH * (kH - 1) + 1 - 2 * pH) + r.nextInt(extent);
        int inW = Math.max(1, dW * (kW - 1) + 1 - 2 * pW) + r.nextInt(extent);
        return new PoolCase(r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(3), 1 + r.nextInt(4), inH, inW, kH, kW,
                sH, sW, pH, pW, dH, dW, r.nextBoolean(), 1 + r.nextInt(inH + 2),
                1 + r.nextInt(inW + 2), r.nextInt(6), r.nextInt(6), r.nextInt(6), r.nextBoolean(), r.nextLong());
    }

    /** The same case without dilation, for average pooling (which has none). */
    PoolCase undilated() {
        int h = Math.max(inH, kH - 2 * pH);
        int w = Math.max(inW, kW - 2 * pW);
        return new PoolCase(batch, channels, h, w, kH, kW, sH, sW, pH, pW, 1, 1, countIncludePad,
                Math.min(adaptiveH, h + 2), Math.min(adaptiveW, w + 2), inOff, outOff, argmaxOff, accumulate, seed);
    }

    int outH() {
        return (inH + 2 * pH - dH * (kH - 1) - 1) / sH + 1;
    }

    int outW() {
        return (inW + 2 * pW - dW * (kW - 1) - 1) / sW + 1;
    }

    int inSize() {
        return batch * channels * inH * inW;
    }

    int outSize() {
        return batch * channels * outH() * outW();
    }

    int adaptiveSize() {
        return batch * channels * adaptiveH * adaptiveW;
    }

    double[] values(int off, int elements, int stream) {
        return RandomOperands.values(seed, off, elements, stream);
    }
}
