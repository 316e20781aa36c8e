package nnet.compiler.ops.conv;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.RuntimeCall;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.runtime.kernels.Conv;
import nnet.runtime.kernels.ConvTranspose;

/**
 * The geometry of a convolution or transposed convolution over 1 or 2 spatial dims, in NCHW (NCL)
 * layout: kernel size, stride, padding, dilation, output padding (transposed only) and groups, with the
 * height entries 1 (and 0 for padding) for conv1d. Weights are [out, in/groups, kH, kW] for a
 * convolution and [in, out/groups, kH, kW] for a transposed one, as in PyTorch.
 */
public record ConvGeometry(boolean transposed, int spatial, int kernelH, int kernelW, int strideH, int strideW,
                           int padH, int padW, int dilationH, int dilationW, int outPadH, int outPadW,
                           int groups) {

    /** The largest batch whose scratch need the kernels' plans can differ by: more images reuse it. */
    private static final int SCRATCH_BATCH = 1024;

    public String kind() {
        return (transposed ? "conv_transpose" : "conv") + spatial + "d";
    }

    /** The output type for input x [N, C, (H,) W] and the weight, checking every size. */
    TensorType output(TensorType x, TensorType w) {
        if (!x.dtype().isFloat() || w.dtype() != x.dtype()) {
            throw new ShapeException("'" + kind() + "' needs a floating-point input and weight of one dtype, got "
                    + x + " and " + w);
        }
        if (x.rank() != spatial + 2 || w.rank() != spatial + 2) {
            throw new ShapeException("'" + kind() + "' needs an input and a weight of rank " + (spatial + 2) + ", got "
                    + x + " and " + w);
        }
        for (int d = 1; d < x.rank(); d++) {
            if (!x.shape().dim(d).isStatic()) {
                throw new ShapeException("'" + kind() + "' needs static channel and spatial sizes, got " + x);
            }
        }
        int inChannels = (int) x.shape().dim(1).value();
        int weightIn = (int) w.shape().dim(transposed ? 0 : 1).value() * (transposed ? 1 : groups);
        if (weightIn != inChannels || inChannels % groups != 0) {
            throw new ShapeException("'" + kind() + "': the weight " + w + " with groups=" + groups + " expects "
                    + weightIn + " input channels, got " + x);
        }
        int outChannels = outChannels(w.shape());
        if (outChannels % groups != 0) {
            throw new ShapeException("'" + kind() + "': " + outChannels + " output channels do not split into " + groups
                    + " groups");
        }
        int kh = spatial == 2 ? (int) w.shape().dim(2).value() : 1;
        int kw = (int) w.shape().fromEnd(1).value();
        if (kh != kernelH || kw != kernelW) {
            throw new IllegalStateException("weight " + w + " does not have the kernel size of " + this);
        }
        List<Dim> out = new ArrayList<>(List.of(x.shape().dim(0), Dim.of(outChannels)));
        if (spatial == 2) {
            out.add(Dim.of(size(x, 2, kernelH, strideH, padH, dilationH, outPadH)));
        }
        out.add(Dim.of(size(x, x.rank() - 1, kernelW, strideW, padW, dilationW, outPadW)));
        return x.withShape(new Shape(out));
    }

    int outChannels(Shape w) {
        return (int) (transposed ? w.dim(1).value() * groups : w.dim(0).value());
    }

    private int size(TensorType x, int axis, int kernel, int stride, int pad, int dilation, int outPad) {
        int in = (int) x.shape().dim(axis).value();
        long span = (long) dilation * (kernel - 1) + 1;
        long n = transposed ? (long) (in - 1) * stride - 2L * pad + span + outPad
                : Math.floorDiv(in + 2L * pad - span, stride) + 1;
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new ShapeException("'" + kind() + "': an input of size " + in + " with kernel " + kernel + ", stride "
                    + stride + ", padding " + pad + " and dilation " + dilation + " leaves an output of size " + n);
        }
        return (int) n;
    }

    /** Pushes the geometry in the runtime kernels' order, for input x of this shape and weight w. */
    RuntimeCall push(RuntimeCall call, KernelWriter k, Shape x, Shape w) {
        call.ints(k.size(x.dim(0))).ints((int) x.dim(1).value(), spatial == 2 ? (int) x.dim(2).value() : 1,
                (int) x.fromEnd(1).value(), outChannels(w),
                kernelH, kernelW, strideH, strideW, padH, padW);
        if (transposed) {
            call.ints(outPadH, outPadW);
        }
        return call.ints(dilationH, dilationW, groups);
    }

    /** Scratch elements for the given pass ("forward", "data", "weight"), enough for any batch. */
    long scratch(String pass, Shape x, Shape w) {
        int batch = x.dim(0).isStatic() ? (int) x.dim(0).value() : SCRATCH_BATCH;
        int c = (int) x.dim(1).value();
        int h = spatial == 2 ? (int) x.dim(2).value() : 1;
        int wd = (int) x.fromEnd(1).value();
        int o = outChannels(w);
        if (transposed) {
            return switch (pass) {
                case "forward" -> ConvTranspose.convTranspose2dScratchSize(batch, c, h, wd, o, kernelH, kernelW, strideH,
                        strideW, padH, padW, outPadH, outPadW, dilationH, dilationW, groups);
                case "data" -> ConvTranspose.convTranspose2dBackwardDataScratchSize(batch, c, h, wd, o, kernelH, kernelW,
                        strideH, strideW, padH, padW, outPadH, outPadW, dilationH, dilationW, groups);
                default -> ConvTranspose.convTranspose2dBackwardWeightScratchSize(batch, c, h, wd, o, kernelH, kernelW,
                        strideH, strideW, padH, padW, outPadH, outPadW, dilationH, dilationW, groups);
            };
        }
        return switch (pass) {
            case "forward" -> Conv.conv2dScratchSize(batch, c, h, wd, o, kernelH, kernelW, strideH, strideW, padH, padW,
                    dilationH, dilationW, groups);
            case "data" -> Conv.conv2dBackwardDataScratchSize(batch, c, h, wd, o, kernelH, kernelW, strideH, strideW,
                    padH, padW, dilationH, dilationW, groups);
            default -> Conv.conv2dBackwardWeightScratchSize(batch, c, h, wd, o, kernelH, kernelW, strideH, strideW,
                    padH, padW, dilationH, dilationW, groups);
        };
    }

    /** The output's positions per channel, the bias gradient's sum length. */
    static Ix positions(KernelWriter k, Shape y) {
        return k.product(y, 2, y.rank());
    }

    /** The dims a bias gradient sums over: all but the channels. */
    static List<Integer> biasAxes(int rank) {
        List<Integer> axes = new ArrayList<>(List.of(0));
        for (int d = 2; d < rank; d++) {
            axes.add(d);
        }
        return axes;
    }

    String describe() {
        StringBuilder sb = new StringBuilder("kernel=");
        sb.append(spatial == 2 ? kernelH + "x" + kernelW : String.valueOf(kernelW));
        sb.append(", stride=").append(spatial == 2 ? strideH + "x" + strideW : String.valueOf(strideW));
        sb.append(", padding=").append(spatial == 2 ? padH + "x" + padW : String.valueOf(padW));
        if (dilationH != 1 || dilationW != 1) {
            sb.append(", dilation=").append(spatial == 2 ? dilationH + "x" + dilationW : String.valueOf(dilationW));
        }
        if (transposed && (outPadH != 0 || outPadW != 0)) {
            sb.append(", output_padding=").append(spatial == 2 ? outPadH + "x" + outPadW : String.valueOf(outPadW));
        }
        if (groups != 1) {
            sb.append(", groups=").append(groups);
        }
        return sb.toString();
    }
}
