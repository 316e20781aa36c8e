package nnet.runtime.kernels;

import java.util.Random;

/**
 * One conv_transpose2d problem: x [batch][inC][inH][inW], w [inC][outC/groups][kH][kW] and
 * y [batch][outC][outH][outW] with PyTorch's output size, operands at offsets in larger arrays.
 */
record TransposeCase(int batch, int inC, int inH, int inW, int outC, int kH, int kW, int sH, int sW, int pH, int pW,
                     int opH, int opW, int dH, int dW, int groups, int inOff, int wOff, int biasOff, int outOff,
                     int scratchOff, boolean bias, boolean accumulate, long seed) {

    static TransposeCase random(Random r, int size) {
        int groups = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 1;
        int icg = r.nextInt(12) == 0 ? 0 : 1 + r.nextInt(4);
        int ocg = r.nextInt(12) == 0 ? 0 : 1 + r.nextInt(4);
        int kH = 1 + r.nextInt(4);
        int kW = 1 + r.nextInt(4);
        int sH = 1 + r.nextInt(3);
        int sW = 1 + r.nextInt(3);
        int dH = r.nextBoolean() ? 1 : 1 + r.nextInt(3);
        int dW = r.nextBoolean() ? 1 : 1 + r.nextInt(3);
        int opH = r.nextInt(Math.max(sH, dH));
        int opW = r.nextInt(Math.max(sW, dW));
        int extent = 2 + size / 12;
        int inH = 1 + r.nextInt(extent);
        int inW = 1 + r.nextInt(extent);
        int pH = r.nextInt(1 + Math.min(3, ((inH - 1) * sH + dH * (kH - 1) + opH) / 2));
        int pW = r.nextInt(1 + Math.min(3, ((inW - 1) * sW + dW * (kW - 1) + opW) / 2));
        int batch = r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(3);
        return new TransposeCase(batch, icg * groups, inH, inW, ocg * groups, kH, kW, sH, sW, pH, pW, opH, opW, dH, dW,
                groups, r.nextInt(6), r.nextInt(6), r.nextInt(6), r.nextInt(6), r.nextInt(6), r.nextBoolean(),
                r.nextBoolean(), r.nextLong());
    }

    int outH() {
        return (inH - 1) * sH - 2 * pH + dH * (kH - 1) + opH + 1;
    }

    int outW() {
        return (inW - 1) * sW - 2 * pW + dW * (kW - 1) + opW + 1;
    }

    int icg() {
        return inC / groups;
    }

    int ocg() {
        return outC / groups;
    }

    int inSize() {
        return batch * inC * inH * inW;
    }

    int wSize() {
        return inC * ocg() * kH * kW;
    }

    int outSize() {
        return batch * outC * outH() * outW();
    }

    int in(int n, int c, int h, int w) {
        return inOff + ((n * inC + c) * inH + h) * inW + w;
    }

    int weight(int i, int o, int h, int w) {
        return wOff + ((i * ocg() + o) * kH + h) * kW + w;
    }

    int out(int n, int o, int h, int w) {
        return outOff + ((n * outC + o) * outH() + h) * outW() + w;
    }

    double[] values(int off, int elements, int stream) {
        return RandomOperands.values(seed, off, elements, stream);
    }
}
