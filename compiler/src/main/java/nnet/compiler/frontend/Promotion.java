package nnet.compiler.frontend;

import nnet.compiler.ir.GraphBuilder;
import nnet.compiler.ir.Op;
import nnet.compiler.ops.ElementwiseOp;
import nnet.compiler.ops.elementwise.Cast;
import nnet.compiler.ops.elementwise.Where;
import nnet.runtime.DType;

/**
 * PyTorch's type promotion for elementwise ops: integer operands met with floating ones are converted
 * to that floating dtype ({@code ids * 0.5}), and an op defined only on floats converts integer
 * operands to the model's float type ({@code exp(ids)}, {@code ids / 2}). Integer ops on integers stay
 * integer ({@code ids + 1}). A where's condition keeps its dtype.
 */
final class Promotion {
    private Promotion() {
    }

    static int[] apply(GraphBuilder g, Op op, int[] inputs, DType modelFloat) {
        if (!(op instanceof ElementwiseOp e) || op instanceof Cast) {
            return inputs;
        }
        int from = op instanceof Where ? 1 : 0;
        DType floating = null;
        boolean anyInteger = false;
        for (int i = from; i < inputs.length; i++) {
            DType t = g.type(inputs[i]).dtype();
            if (t.isFloat() && floating == null) {
                floating = t;
            }
            anyInteger |= !t.isFloat();
        }
        if (!anyInteger || floating == null && e.integers()) {
            return inputs;
        }
        DType target = floating != null ? floating : modelFloat;
        int[] out = inputs.clone();
        for (int i = from; i < inputs.length; i++) {
            if (!g.type(inputs[i]).dtype().isFloat()) {
                out[i] = g.add(new Cast(target), inputs[i]);
            }
        }
        return out;
    }
}
