package nnet.runtime.kernels;

/**
 * The checks of one convolution pass, in the explicit-output geometry of {@link FloatConv}: the geometry,
 * then that every operand (given by its array's length, -1 for null, and its offset) and the scratch fit.
 */
final class Conv2dCheck {
    private Conv2dCheck() {
    }

    static void forward(int batch, int inC, int inH, int inW, int outC, int outH, int outW,
                        int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                        int dilationH, int dilationW, int groups, int xLength, int xOff, int wLength, int wOff,
                        int biasLength, int biasOff, int yLength, int yOff, int scratchLength, int scratchOff) {
        tensors(batch, inC, inH, inW, outC, outH, outW, kernelH, kernelW, strideH, strideW, padH, padW,
                dilationH, dilationW, groups, xLength, xOff, wLength, wOff, yLength, yOff);
        ConvChecks.optionalOperand("bias", biasLength, biasOff, outC);
        ConvChecks.scratch(scratchLength, scratchOff, ConvPlan.forward(batch, inC, outH, outW,
                kernelH, kernelW, strideH, strideW, padH, padW, groups));
    }

    /** The input-gradient pass; its optional bias (for transposed convolutions) has inC elements. */
    static void backwardData(int batch, int inC, int inH, int inW, int outC, int outH, int outW,
                             int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                             int dilationH, int dilationW, int groups, int dyLength, int dyOff, int wLength, int wOff,
                             int biasLength, int biasOff, int dxLength, int dxOff, int scratchLength, int scratchOff) {
        tensors(batch, inC, inH, inW, outC, outH, outW, kernelH, kernelW, strideH, strideW, padH, padW,
                dilationH, dilationW, groups, dxLength, dxOff, wLength, wOff, dyLength, dyOff);
        ConvChecks.optionalOperand("bias", biasLength, biasOff, inC);
        ConvChecks.scratch(scratchLength, scratchOff, ConvPlan.backwardData(batch, inC, inH, inW, outC,
                outH, outW, kernelH, kernelW, strideH, strideW, padH, padW, groups));
    }

    static void backwardWeight(int batch, int inC, int inH, int inW, int outC, int outH, int outW,
                               int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                               int dilationH, int dilationW, int groups, int xLength, int xOff,
                               int dwLength, int dwOff, int dyLength, int dyOff, int scratchLength, int scratchOff) {
        tensors(batch, inC, inH, inW, outC, outH, outW, kernelH, kernelW, strideH, strideW, padH, padW,
                dilationH, dilationW, groups, xLength, xOff, dwLength, dwOff, dyLength, dyOff);
        ConvChecks.scratch(scratchLength, scratchOff, ConvPlan.backwardWeight(batch, inC, outH, outW,
                kernelH, kernelW, strideH, strideW, padH, padW, groups));
    }

    static void biasGradient(int batch, int channels, int positions, int dyLength, int dyOff,
                             int dbLength, int dbOff) {
        ConvChecks.nonNegative("batch", batch);
        ConvChecks.nonNegative("channels", channels);
        ConvChecks.nonNegative("positions", positions);
        ConvChecks.operand("dy", dyLength, dyOff, ConvChecks.elements(batch, channels, positions, 1));
        ConvChecks.operand("db", dbLength, dbOff, channels);
    }

    /** The geometry, and the input-, weight- and output-shaped operands of any pass. */
    private static void tensors(int batch, int inC, int inH, int inW, int outC, int outH, int outW,
                                int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                                int dilationH, int dilationW, int groups, int inLength, int inOff,
                                int wLength, int wOff, int outLength, int outOff) {
        ConvChecks.geometry(batch, inC, inH, inW, outC, kernelH, kernelW, strideH, strideW, padH, padW,
                dilationH, dilationW, groups);
        ConvChecks.operand("input", inLength, inOff, ConvChecks.elements(batch, inC, inH, inW));
        ConvChecks.operand("weights", wLength, wOff, ConvChecks.elements(outC, inC / groups, kernelH, kernelW));
        ConvChecks.operand("output", outLength, outOff, ConvChecks.elements(batch, outC, outH, outW));
    }
}
