package nnet.compiler.ops.index;

import java.util.Arrays;
import java.util.List;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.KernelOp;

/**
 * {@code torch.nn.functional.embedding(input, weight, padding_idx)}: for i32 ids of any shape, the rows
 * of a [num, dim] weight they name, giving [..., dim]. An id outside [0, num) stops the run with an
 * error. The weight's gradient adds the gradient of every looked-up row into its row, so that repeated
 * ids sum, except for the row {@code paddingIdx} (non-negative; −1: none), which gets none.
 */
public record Embedding(int paddingIdx) implements KernelOp {
    public String name() {
        return "embedding";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        TensorType ids = inputs.get(0);
        TensorType weight = inputs.get(1);
        IndexSelect.checkIndices(name(), ids);
        if (weight.rank() != 2 || !weight.dtype().isFloat()) {
            throw new ShapeException("'embedding' needs a floating-point weight of shape [num_embeddings, dim],"
                    + " got " + weight);
        }
        return weight.withShape(ids.shape().concat(weight.shape().sub(1, 2)));
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        int dw = g.graph().add(new IndexAdd(name(), 0, g.inputType(1).shape(), paddingIdx), g.input(0), g.outputGrad());
        return Arrays.asList(null, dw);
    }

    @Override
    public void emit(KernelWriter w) {
        Selection.Around a = Selection.Around.of(w, w.in(1).type().shape(), 0);
        Selection.copy(w, name(), w.in(1), w.in(0), w.out(), a);
    }

    @Override
    public String attributes() {
        return paddingIdx < 0 ? "" : "padding_idx=" + paddingIdx;
    }
}
