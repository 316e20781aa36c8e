package nnet.compiler.ops.pool;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.RuntimeCall;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;

/**
 * The window of a pooling over 1 or 2 spatial dims of an NCHW (NCL) tensor: kernel, stride, padding and
 * dilation, the height entries 1 (0 for padding) for one spatial dim. ceil_mode is off, as PyTorch's
 * default.
 */
public record Window(int spatial, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                     int dilationH, int dilationW) {

    TensorType output(String op, TensorType x) {
        if (!x.dtype().isFloat() || x.rank() != spatial + 2) {
            throw new ShapeException("'" + op + "' needs a floating-point input of rank " + (spatial + 2) + ", got " + x);
        }
        for (int d = 1; d < x.rank(); d++) {
            if (!x.shape().dim(d).isStatic()) {
                throw new ShapeException("'" + op + "' needs static channel and spatial sizes, got " + x);
            }
        }
        if (2 * padH > kernelH || 2 * padW > kernelW) {
            throw new ShapeException("'" + op + "': padding should be at most half of the kernel size, as in PyTorch");
        }
        List<Dim> out = new ArrayList<>(List.of(x.shape().dim(0), x.shape().dim(1)));
        if (spatial == 2) {
            out.add(Dim.of(size(op, inH(x.shape()), kernelH, strideH, padH, dilationH)));
        }
        out.add(Dim.of(size(op, inW(x.shape()), kernelW, strideW, padW, dilationW)));
        return x.withShape(new Shape(out));
    }

    private static int size(String op, int in, int kernel, int stride, int pad, int dilation) {
        long n = Math.floorDiv(in + 2L * pad - (long) dilation * (kernel - 1) - 1, stride) + 1;
        if (n < 1) {
            throw new ShapeException("'" + op + "': an input of size " + in + " is too small for kernel " + kernel
                    + " (padding " + pad + ", dilation " + dilation + ")");
        }
        return (int) n;
    }

    int inH(Shape x) {
        return spatial == 2 ? (int) x.dim(2).value() : 1;
    }

    int inW(Shape x) {
        return (int) x.fromEnd(1).value();
    }

    /** batch, channels, inHeight, inWidth, then the window without dilation. */
    RuntimeCall pushUndilated(RuntimeCall call, KernelWriter w, Shape x) {
        return call.ints(w.size(x.dim(0))).ints((int) x.dim(1).value(), inH(x), inW(x), kernelH, kernelW, strideH,
                strideW, padH, padW);
    }

    RuntimeCall push(RuntimeCall call, KernelWriter w, Shape x) {
        return pushUndilated(call, w, x).ints(dilationH, dilationW);
    }

    String describe() {
        String k = spatial == 2 ? kernelH + "x" + kernelW : String.valueOf(kernelW);
        String s = spatial == 2 ? strideH + "x" + strideW : String.valueOf(strideW);
        String p = spatial == 2 ? padH + "x" + padW : String.valueOf(padW);
        boolean dilated = dilationH != 1 || dilationW != 1;
        return "kernel=" + k + ", stride=" + s + ", padding=" + p
                + (dilated ? ", dilation=" + (spatial == 2 ? dilationH + "x" + dilationW : dilationW) : "");
    }
}
