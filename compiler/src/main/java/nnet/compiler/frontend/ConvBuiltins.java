package nnet.compiler.frontend;

import static nnet.compiler.frontend.Signature.Kind.INT;
import static nnet.compiler.frontend.Signature.Kind.INTS;
import static nnet.compiler.frontend.Signature.Kind.TENSOR;
import static nnet.compiler.frontend.Signature.optional;
import static nnet.compiler.frontend.Signature.required;

import java.util.List;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.conv.ConvGeometry;
import nnet.compiler.ops.conv.Convolution;

/**
 * conv1d, conv2d, conv_transpose1d and conv_transpose2d with torch.nn.functional's arguments: sizes
 * as one int or one per spatial dim, padding also "valid" or "same" (for convolutions of stride 1 whose
 * total padding splits evenly, as odd kernels do).
 */
final class ConvBuiltins {
    private static final Value ONE = new Value.Int(1);
    private static final Value ZERO = new Value.Int(0);

    private ConvBuiltins() {
    }

    static void define(Builtins.Definer d) {
        for (int spatial = 1; spatial <= 2; spatial++) {
            int dims = spatial;
            d.def("conv" + spatial + "d", Signature.of(required("input", TENSOR), required("weight", TENSOR),
                    optional("bias", TENSOR, Signature.NONE), optional("stride", INTS, ONE),
                    optional("padding", INTS, ZERO).or("valid", "same"), optional("dilation", INTS, ONE),
                    optional("groups", INT, ONE)), c -> convolution(c, dims, false));
            d.def("conv_transpose" + spatial + "d", Signature.of(required("input", TENSOR), required("weight", TENSOR),
                    optional("bias", TENSOR, Signature.NONE), optional("stride", INTS, ONE),
                    optional("padding", INTS, ZERO), optional("output_padding", INTS, ZERO),
                    optional("groups", INT, ONE), optional("dilation", INTS, ONE)), c -> convolution(c, dims, true));
        }
    }

    private static Value convolution(CallSite c, int spatial, boolean transposed) {
        TensorType w = c.type(1);
        if (w.rank() != spatial + 2 || !w.shape().isStatic()) {
            return c.error(1, "'" + c.callee + "' needs a weight of rank " + (spatial + 2) + " with static sizes, got " + w);
        }
        int dilationArg = transposed ? 7 : 5;
        int groupsArg = 6;
        int[] kernel = kernel(w, spatial);
        int[] stride = sizes(c, 3, "stride", spatial, 1);
        int[] dilation = sizes(c, dilationArg, "dilation", spatial, 1);
        int[] outPad = transposed ? sizes(c, 5, "output_padding", spatial, 0) : new int[2];
        int[] pad = padding(c, spatial, kernel, stride, dilation, transposed);
        long groups = c.intArg(groupsArg);
        if (stride == null || dilation == null || outPad == null || pad == null) {
            return new Value.Error();
        }
        if (groups < 1) {
            return c.error(groupsArg, "groups must be ≥ 1, got " + groups);
        }
        if (transposed && (outPad[0] >= Math.max(stride[0], dilation[0]) || outPad[1] >= Math.max(stride[1], dilation[1]))) {
            return c.error(5, "output_padding must be smaller than the stride or the dilation");
        }
        ConvGeometry g = new ConvGeometry(transposed, spatial, kernel[0], kernel[1], stride[0], stride[1], pad[0], pad[1],
                dilation[0], dilation[1], outPad[0], outPad[1], (int) groups);
        boolean bias = c.given(2);
        Convolution op = new Convolution(g, bias);
        return Builtins.orError(bias ? c.model.op(c.span, op, c.node(0), c.node(1), c.node(2))
                : c.model.op(c.span, op, c.node(0), c.node(1)));
    }

    /** {height, width} of the kernel; height 1 for one spatial dim. */
    private static int[] kernel(TensorType w, int spatial) {
        int kw = (int) w.shape().fromEnd(1).value();
        return new int[] {spatial == 2 ? (int) w.shape().fromEnd(2).value() : 1, kw};
    }

    /**
     * A size argument as {height, width}: one int for all spatial dims, or one each; with one spatial
     * dim the height is {@code least} (1 for strides, 0 for paddings), which is also the smallest value
     * allowed. Null after an error.
     */
    private static int[] sizes(CallSite c, int arg, String name, int spatial, int least) {
        List<Long> v = c.intsArg(arg);
        if (v.size() != 1 && v.size() != spatial) {
            c.error(arg, name + " must be one int or " + spatial + " ints, got " + v.size());
            return null;
        }
        for (long x : v) {
            if (x < least || x > Integer.MAX_VALUE) {
                c.error(arg, name + " must be ≥ " + least + ", got " + x);
                return null;
            }
        }
        int first = (int) (long) v.get(0);
        int last = (int) (long) v.get(v.size() - 1);
        return spatial == 2 ? new int[] {first, last} : new int[] {least, last};
    }

    private static int[] padding(CallSite c, int spatial, int[] kernel, int[] stride, int[] dilation, boolean transposed) {
        Value p = c.arg(4);
        if (!(p instanceof Value.Str s)) {
            return sizes(c, 4, "padding", spatial, 0);
        }
        if (s.value().equals("valid")) {
            return new int[2];
        }
        if (stride == null || dilation == null) {
            return null;
        }
        if (stride[0] != 1 || stride[1] != 1) {
            c.error(4, "padding=\"same\" needs a stride of 1, as in PyTorch");
            return null;
        }
        int[] pad = new int[2];
        for (int i = 2 - spatial; i < 2; i++) {
            int total = dilation[i] * (kernel[i] - 1);
            if (total % 2 != 0) {
                c.error(4, "padding=\"same\" with kernel " + kernel[i] + " and dilation " + dilation[i]
                        + " pads unevenly, which is not supported; pad the input with pad(...) and use padding=0");
                return null;
            }
            pad[i] = total / 2;
        }
        return pad;
    }
}
