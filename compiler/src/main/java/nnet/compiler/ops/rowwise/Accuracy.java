package nnet.compiler.ops.rowwise;

import java.util.List;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.codegen.Var;
import nnet.compiler.ir.CompareFn;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.KernelOp;
import nnet.compiler.ops.Rows;

/**
 * The fraction of rows of {@code scores [N, C]} whose largest entry (the first, at ties) is at the
 * target class: classification accuracy of logits or probabilities against i32[N] labels.
 */
public record Accuracy() implements KernelOp {
    public String name() {
        return "accuracy";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        TensorType scores = inputs.get(0);
        if (scores.rank() != 2) {
            throw new ShapeException("'accuracy' needs scores of shape [N, C], got " + scores);
        }
        ClassTargets.classAxis(name(), scores, inputs.get(1));
        return TensorType.scalar(inputs.get(0).dtype());
    }

    @Override
    public boolean differentiable() {
        return false;
    }

    @Override
    public void emit(KernelWriter w) {
        var shape = w.in(0).type().shape();
        Var hits = w.var(Val.c(0));
        Rows.forEach(w, shape, 1, (base, stride, n, row) -> {
            Ix.Local arg = Rows.argmax(w, w.in(0), base, stride, n);
            w.whenInt(CompareFn.EQ, arg, w.loadInt(w.in(1), row), () -> w.set(hits, hits.get().plus(Val.c(1))));
        });
        w.store(w.out(), Ix.c(0), hits.get().div(new Val.OfInt(w.size(shape.dim(0)))));
    }
}
