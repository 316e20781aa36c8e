package nnet.runtime.kernels;

/**
 * The operand checks of one convolution pass on a {@link ConvShape} (whose geometry was checked when it
 * was filled in): every operand, given by its array's length (-1 for null) and offset, and the scratch fit.
 */
final class Conv2dCheck {
    private Conv2dCheck() {
    }

    static void forward(ConvShape s, int xLength, int xOff, int wLength, int wOff, int biasLength, int biasOff,
                        int yLength, int yOff, int scratchLength, int scratchOff) {
        tensors(s, xLength, xOff, wLength, wOff, yLength, yOff);
        ConvChecks.optionalOperand("bias", biasLength, biasOff, s.outC);
        ConvChecks.scratch(scratchLength, scratchOff, ConvPlan.forwardScratch(s));
    }

    /** The input-gradient pass; its optional bias (for transposed convolutions) has inC elements. */
    static void backwardData(ConvShape s, int dyLength, int dyOff, int wLength, int wOff, int biasLength,
                             int biasOff, int dxLength, int dxOff, int scratchLength, int scratchOff) {
        tensors(s, dxLength, dxOff, wLength, wOff, dyLength, dyOff);
        ConvChecks.optionalOperand("bias", biasLength, biasOff, s.inC);
        ConvChecks.scratch(scratchLength, scratchOff, ConvPlan.backwardDataScratch(s));
    }

    /** The weight-gradient pass; its optional bias gradient has outC elements. */
    static void backwardWeight(ConvShape s, int xLength, int xOff, int dwLength, int dwOff, int dbLength, int dbOff,
                               int dyLength, int dyOff, int scratchLength, int scratchOff) {
        tensors(s, xLength, xOff, dwLength, dwOff, dyLength, dyOff);
        ConvChecks.optionalOperand("bias gradient", dbLength, dbOff, s.outC);
        ConvChecks.scratch(scratchLength, scratchOff, ConvPlan.backwardWeightScratch(s));
    }

    static void biasGradient(int batch, int channels, int positions, int dyLength, int dyOff,
                             int dbLength, int dbOff) {
        ConvChecks.nonNegative("batch", batch);
        ConvChecks.nonNegative("channels", channels);
        ConvChecks.nonNegative("positions", positions);
        ConvChecks.operand("dy", dyLength, dyOff, ConvChecks.elements(batch, channels, positions, 1));
        ConvChecks.operand("db", dbLength, dbOff, channels);
    }

    /** The input-, weight- and output-shaped operands of any pass (named for the convolution's roles). */
    private static void tensors(ConvShape s, int inLength, int inOff, int wLength, int wOff,
                                int outLength, int outOff) {
        ConvChecks.operand("input", inLength, inOff, ConvChecks.elements(s.batch, s.inC, s.inH, s.inW));
        ConvChecks.operand("weights", wLength, wOff, ConvChecks.elements(s.outC, s.cg, s.kernelH, s.kernelW));
        ConvChecks.operand("output", outLength, outOff, ConvChecks.elements(s.batch, s.outC, s.outH, s.outW));
    }
}
