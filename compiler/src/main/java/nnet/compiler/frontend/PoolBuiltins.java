package nnet.compiler.frontend;

import static nnet.compiler.frontend.Signature.Kind.BOOL;
import static nnet.compiler.frontend.Signature.Kind.INTS;
import static nnet.compiler.frontend.Signature.Kind.TENSOR;
import static nnet.compiler.frontend.Signature.optional;
import static nnet.compiler.frontend.Signature.required;

import java.util.List;
import nnet.compiler.ops.pool.AdaptiveAvgPool;
import nnet.compiler.ops.pool.AvgPool;
import nnet.compiler.ops.pool.MaxPool;
import nnet.compiler.ops.pool.Window;

/**
 * max_pool1d/2d, avg_pool1d/2d and adaptive_avg_pool1d/2d with torch.nn.functional's arguments: sizes as
 * one int or one per spatial dim, the stride defaulting to the kernel size, ceil_mode off.
 */
final class PoolBuiltins {
    private static final Value FALSE = new Value.Bool(false);

    private PoolBuiltins() {
    }

    static void define(Builtins.Definer d) {
        for (int spatial = 1; spatial <= 2; spatial++) {
            int dims = spatial;
            d.def("max_pool" + spatial + "d", Signature.of(required("input", TENSOR), required("kernel_size", INTS),
                    optional("stride", INTS, Signature.NONE), optional("padding", INTS, new Value.Int(0)),
                    optional("dilation", INTS, new Value.Int(1)), optional("ceil_mode", BOOL, FALSE),
                    optional("return_indices", BOOL, FALSE)), c -> maxPool(c, dims));
            d.def("avg_pool" + spatial + "d", Signature.of(required("input", TENSOR), required("kernel_size", INTS),
                    optional("stride", INTS, Signature.NONE), optional("padding", INTS, new Value.Int(0)),
                    optional("ceil_mode", BOOL, FALSE), optional("count_include_pad", BOOL, new Value.Bool(true))),
                    c -> avgPool(c, dims));
            d.def("adaptive_avg_pool" + spatial + "d", Signature.of(required("input", TENSOR),
                    required("output_size", INTS)), c -> adaptive(c, dims));
        }
    }

    /** {height, width} from one int or one per spatial dim (height {@code least} for one dim); null after an error. */
    private static int[] pair(CallSite c, int arg, String name, int spatial, int least, int min) {
        List<Long> v = c.intsArg(arg);
        if (v.size() != 1 && v.size() != spatial) {
            c.error(arg, name + " must be one int or " + spatial + " ints, got " + v.size());
            return null;
        }
        for (long x : v) {
            if (x < min || x > Integer.MAX_VALUE) {
                c.error(arg, name + " must be ≥ " + min + ", got " + x);
                return null;
            }
        }
        int first = (int) (long) v.get(0);
        int last = (int) (long) v.get(v.size() - 1);
        return spatial == 2 ? new int[] {first, last} : new int[] {least, last};
    }

    private static Window window(CallSite c, int spatial, int dilationArg, int ceilArg) {
        if (c.boolArg(ceilArg)) {
            c.error(ceilArg, "ceil_mode=true is not supported; pad the input instead");
            return null;
        }
        int[] kernel = pair(c, 1, "kernel_size", spatial, 1, 1);
        int[] stride = c.given(2) ? pair(c, 2, "stride", spatial, 1, 1) : kernel;
        int[] pad = pair(c, 3, "padding", spatial, 0, 0);
        int[] dilation = dilationArg < 0 ? new int[] {1, 1} : pair(c, dilationArg, "dilation", spatial, 1, 1);
        if (kernel == null || stride == null || pad == null || dilation == null) {
            return null;
        }
        return new Window(spatial, kernel[0], kernel[1], stride[0], stride[1], pad[0], pad[1], dilation[0], dilation[1]);
    }

    private static Value maxPool(CallSite c, int spatial) {
        Window w = window(c, spatial, 4, 5);
        if (w == null) {
            return new Value.Error();
        }
        Value.Tensor values = c.model.result(c.span, new MaxPool(w), 0, c.node(0));
        if (values == null || !c.boolArg(6)) {
            return Builtins.orError(values);
        }
        int node = c.model.graph.node(values.node()).input(0);
        return new Value.Tuple(List.of(values, c.model.tensor(c.model.graph.project(node, 1))));
    }

    private static Value avgPool(CallSite c, int spatial) {
        Window w = window(c, spatial, -1, 4);
        return w == null ? new Value.Error() : Builtins.orError(c.model.op(c.span, new AvgPool(w, c.boolArg(5)), c.node(0)));
    }

    private static Value adaptive(CallSite c, int spatial) {
        int[] out = pair(c, 1, "output_size", spatial, 1, 1);
        return out == null ? new Value.Error()
                : Builtins.orError(c.model.op(c.span, new AdaptiveAvgPool(spatial, out[0], out[1]), c.node(0)));
    }
}
