package nnet.runtime.kernels;

import java.util.Random;

/**
 * One conv2d problem: its geometry, where each operand starts in its (larger) array, whether a bias is
 * given and whether the output accumulates. The index arithmetic of the NCHW layouts is written out plainly
 * here for the reference loops; output sizes follow PyTorch's formula.
 */
record ConvCase(int batch, int inC, int inH, int inW, int outC, int kH, int kW, int sH, int sW, int pH, int pW,
                int dH, int dW, int groups, int inOff, int wOff, int biasOff, int outOff, int scratchOff,
                boolean bias, boolean accumulate, long seed) {

    /** A random case whose sizes grow with {@code size} (0 to 99): any strides, paddings, dilations, groups. */
    static ConvCase random(Random r, int size) {
        int groups = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 1;
        // One case in eight has enough input channels for column matrices of 64 rows or more.
        int cg = r.nextInt(12) == 0 ? 0 : r.nextInt(8) == 0 ? 16 + r.nextInt(16) : 1 + r.nextInt(4);
        int ocg = r.nextInt(12) == 0 ? 0 : 1 + r.nextInt(4);
        int kind = r.nextInt(8);
        int kH = kind == 0 ? 1 : 1 + r.nextInt(4);
        int kW = kind == 0 ? 1 : 1 + r.nextInt(4);
        int sH = kind <= 2 ? 1 : 1 + r.nextInt(3);
        int sW = kind <= 2 ? 1 : 1 + r.nextInt(3);
        int dH = kind == 0 || r.nextBoolean() ? 1 : 1 + r.nextInt(3);
        int dW = kind == 0 || r.nextBoolean() ? 1 : 1 + r.nextInt(3);
        int pH = kind == 0 ? 0 : kind <= 2 ? dH * (kH - 1) / 2 : r.nextInt(4);
        int pW = kind == 0 ? 0 : kind <= 2 ? dW * (kW - 1) / 2 : r.nextInt(4);
        // A quarter of the cases have planes of at least 64 elements, which some passes treat differently.
        int extent = 1 + r.nextInt(3 + size / 8) + (r.nextInt(4) == 0 ? 8 : 0);
        int inH = Math.max(1, dH * (kH - 1) + 1 - 2 * pH) + r.nextInt(extent);
        int inW = Math.max(1, dW * (kW - 1) + 1 - 2 * pW) + r.nextInt(extent);
        int batch = r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(3);
        return new ConvCase(batch, cg * groups, inH, inW, ocg * groups, kH, kW, sH, sW, pH, pW, dH, dW, groups,
                r.nextInt(6), r.nextInt(6), r.nextInt(6), r.nextInt(6), r.nextInt(6), r.nextBoolean(),
                r.nextBoolean(), r.nextLong());
    }

    /** A case of the given sizes with its operands at offsets 1 to 5 and a bias, for hand-picked shapes. */
    static ConvCase of(int batch, int inC, int inH, int inW, int outC, int k, int stride, int pad, int dilation,
                       int groups, boolean accumulate, long seed) {
        return new ConvCase(batch, inC, inH, inW, outC, k, k, stride, stride, pad, pad, dilation, dilation, groups,
                1, 2, 3, 4, 5, true, accumulate, seed);
    }

    /** The case reduced to one dimension: height 1, and a kernel of height 1 with no stride, padding or dilation. */
    ConvCase asConv1d() {
        return new ConvCase(batch, inC, 1, inW, outC, 1, kW, 1, sW, 0, pW, 1, dW, groups, inOff, wOff, biasOff,
                outOff, scratchOff, bias, accumulate, seed);
    }

    /** Image n of this case alone: batch 1, the input and output offsets moved to that image. */
    ConvCase image(int n, boolean accumulateImage) {
        return new ConvCase(1, inC, inH, inW, outC, kH, kW, sH, sW, pH, pW, dH, dW, groups,
                inOff + n * inC * inH * inW, wOff, biasOff, outOff + n * outC * outH() * outW(), scratchOff, bias,
                accumulateImage, seed);
    }

    int outH() {
        return (inH + 2 * pH - dH * (kH - 1) - 1) / sH + 1;
    }

    int outW() {
        return (inW + 2 * pW - dW * (kW - 1) - 1) / sW + 1;
    }

    int cg() {
        return inC / groups;
    }

    int ocg() {
        return outC / groups;
    }

    int inSize() {
        return batch * inC * inH * inW;
    }

    int wSize() {
        return outC * cg() * kH * kW;
    }

    int outSize() {
        return batch * outC * outH() * outW();
    }

    int in(int n, int c, int h, int w) {
        return inOff + ((n * inC + c) * inH + h) * inW + w;
    }

    int weight(int o, int c, int h, int w) {
        return wOff + ((o * cg() + c) * kH + h) * kW + w;
    }

    int out(int n, int o, int h, int w) {
        return outOff + ((n * outC + o) * outH() + h) * outW() + w;
    }

    double[] values(int off, int elements, int stream) {
        return RandomOperands.values(seed, off, elements, stream);
    }

    int[] scratchSizes() {
        return new int[] {
            Conv.conv2dScratchSize(batch, inC, inH, inW, outC, kH, kW, sH, sW, pH, pW, dH, dW, groups),
            Conv.conv2dBackwardDataScratchSize(batch, inC, inH, inW, outC, kH, kW, sH, sW, pH, pW, dH, dW, groups),
            Conv.conv2dBackwardWeightScratchSize(batch, inC, inH, inW, outC, kH, kW, sH, sW, pH, pW, dH, dW, groups)
        };
    }
}
