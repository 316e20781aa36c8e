package nnet.runtime.kernels;

/**
 * The geometry of one convolution, from x [batch][inC][inH][inW] to y [batch][outC][outH][outW] with
 * weights [outC][inC/groups][kernelH][kernelW], output sizes explicit (a transposed convolution runs the
 * passes of a convolution whose output sizes its own rules decide), and the sizes derived from it.
 *
 * <p>The kernels take their fifteen sizes as int arguments, and an object per call would allocate; so each
 * thread owns two shapes, filled in at the start of a call and read by the methods it calls. The second
 * is for a pass computed through another convolution (the input gradient as a convolution of dy with
 * flipped weights), which runs while the first is still in use. Calls do not nest otherwise.
 */
final class ConvShape {
    private static final ThreadLocal<ConvShape[]> PER_THREAD =
            ThreadLocal.withInitial(() -> new ConvShape[] {new ConvShape(), new ConvShape()});

    int batch;
    int inC;
    int inH;
    int inW;
    int outC;
    int outH;
    int outW;
    int kernelH;
    int kernelW;
    int strideH;
    int strideW;
    int padH;
    int padW;
    int dilationH;
    int dilationW;
    int groups;
    /** Input channels per group. */
    int cg;
    /** Output channels per group. */
    int ocg;
    /** Rows of a column matrix: cg * kernelH * kernelW. */
    int depth;
    /** outH * outW. */
    int positions;
    /** inH * inW. */
    int plane;

    private ConvShape() {
    }

    static ConvShape forCurrentThread() {
        return PER_THREAD.get()[0];
    }

    static ConvShape secondForCurrentThread() {
        return PER_THREAD.get()[1];
    }

    /** conv2d's geometry, checked, with PyTorch's output sizes. */
    ConvShape conv2d(int batch, int inC, int inH, int inW, int outC, int kernelH, int kernelW, int strideH,
                     int strideW, int padH, int padW, int dilationH, int dilationW, int groups) {
        int outH = ConvChecks.outputSize(inH, kernelH, strideH, padH, dilationH);
        int outW = ConvChecks.outputSize(inW, kernelW, strideW, padW, dilationW);
        return explicit(batch, inC, inH, inW, outC, outH, outW, kernelH, kernelW, strideH, strideW, padH, padW,
                dilationH, dilationW, groups);
    }

    /**
     * The convolution whose input gradient is conv_transpose2d with this geometry (x [batch][inC][inH][inW],
     * weights [inC][outC/groups][kH][kW]): from the transposed output's shape to its input's.
     */
    ConvShape transposed(int batch, int inC, int inH, int inW, int outC, int kernelH, int kernelW, int strideH,
                         int strideW, int padH, int padW, int outputPadH, int outputPadW, int dilationH,
                         int dilationW, int groups) {
        int outH = ConvChecks.transposedOutputSize(inH, kernelH, strideH, padH, outputPadH, dilationH);
        int outW = ConvChecks.transposedOutputSize(inW, kernelW, strideW, padW, outputPadW, dilationW);
        return explicit(batch, outC, outH, outW, inC, inH, inW, kernelH, kernelW, strideH, strideW, padH, padW,
                dilationH, dilationW, groups);
    }

    /** Any geometry with explicit output sizes, checked apart from the output sizes and the padding's sign. */
    ConvShape explicit(int batch, int inC, int inH, int inW, int outC, int outH, int outW, int kernelH,
                       int kernelW, int strideH, int strideW, int padH, int padW, int dilationH, int dilationW,
                       int groups) {
        ConvChecks.geometry(batch, inC, inH, inW, outC, kernelH, kernelW, strideH, strideW, dilationH, dilationW,
                groups);
        this.batch = batch;
        this.inC = inC;
        this.inH = inH;
        this.inW = inW;
        this.outC = outC;
        this.outH = outH;
        this.outW = outW;
        this.kernelH = kernelH;
        this.kernelW = kernelW;
        this.strideH = strideH;
        this.strideW = strideW;
        this.padH = padH;
        this.padW = padW;
        this.dilationH = dilationH;
        this.dilationW = dilationW;
        this.groups = groups;
        cg = inC / groups;
        ocg = outC / groups;
        depth = ConvChecks.toInt("column matrix rows", (long) cg * kernelH * kernelW);
        positions = ConvChecks.toInt("output plane", (long) outH * outW);
        plane = ConvChecks.toInt("input plane", (long) inH * inW);
        return this;
    }

    /**
     * Fills {@code target} with the convolution that computes this one's input gradient with unit strides:
     * from dy [batch][outC][outH][outW] to dx, with weights [inC][ocg][kH][kW] (this one's, flipped in both
     * dimensions and with input and output channels exchanged within each group) and the padding that
     * makes tap t of the flipped kernel read what tap kH - 1 - t wrote: dilation (kH - 1) - padH.
     */
    ConvShape flipped(ConvShape target) {
        return target.explicit(batch, outC, outH, outW, inC, inH, inW, kernelH, kernelW, 1, 1,
                dilationH * (kernelH - 1) - padH, dilationW * (kernelW - 1) - padW, dilationH, dilationW, groups);
    }

    /**
     * A 1 x 1 kernel with unit strides and no padding, whose planes keep their size: the input planes are
     * the column matrix. The size condition matters for a transposed convolution's output padding, which
     * makes its input gradient a convolution that skips the last rows or columns.
     */
    boolean pointwise() {
        return kernelH == 1 && kernelW == 1 && strideH == 1 && strideW == 1 && padH == 0 && padW == 0
                && inH == outH && inW == outW;
    }

    /** Offset of image n, group g in an input-shaped tensor at off. */
    int inputAt(int off, int n, int g) {
        return off + (n * inC + g * cg) * plane;
    }

    /** Offset of image n, group g in an output-shaped tensor at off. */
    int outputAt(int off, int n, int g) {
        return off + (n * outC + g * ocg) * positions;
    }

    /** Offset of group g's weights at off. */
    int weightsAt(int off, int g) {
        return off + g * ocg * depth;
    }
}
