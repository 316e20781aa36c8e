package nnet.compiler.ops.rowwise;

import java.util.Arrays;
import java.util.List;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.codegen.Var;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.GradientKernel;
import nnet.compiler.ops.KernelOp;
import nnet.compiler.ops.Rows;
import nnet.runtime.DType;

/**
 * {@code cross_entropy(logits [N, C], target i32[N])} with mean reduction, as PyTorch computes it from
 * class indices: mean over rows of logsumexp(row) − row[target], fused into one pass per row. A target
 * outside [0, C) stops the run with an error instead of reading another row's logits.
 */
public record CrossEntropy() implements KernelOp {
    public String name() {
        return "cross_entropy";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        checkOperands(name(), inputs.get(0), inputs.get(1));
        return TensorType.scalar(inputs.get(0).dtype());
    }

    static void checkOperands(String op, TensorType logits, TensorType target) {
        if (!logits.dtype().isFloat() || logits.rank() != 2) {
            throw new ShapeException("'" + op + "' needs floating-point logits of shape [N, C], got " + logits);
        }
        if (target.dtype() != DType.I32 || target.rank() != 1) {
            throw new ShapeException("'" + op + "' needs class indices of type i32[N], got " + target);
        }
        if (!target.shape().dim(0).equals(logits.shape().dim(0))) {
            throw new ShapeException("'" + op + "': logits " + logits + " and target " + target
                    + " disagree on the number of rows");
        }
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        int dx = g.graph().add(new Backward(), g.input(0), g.input(1), g.outputGrad());
        return Arrays.asList(dx, null);
    }

    @Override
    public void emit(KernelWriter w) {
        var shape = w.in(0).type().shape();
        Var total = w.var(Val.c(0));
        Rows.forEach(w, shape, 1, (base, stride, n, row) -> {
            Ix t = w.loadInt(w.in(1), row);
            w.checkClassIndex(t, n, row);
            Var max = Softmax.rowMax(w, base, stride, n);
            Var sum = Softmax.rowSumExp(w, base, stride, n, max);
            w.set(total, total.get().plus(max.get().plus(sum.get().log()).minus(w.load(w.in(0), Rows.at(base, stride, t)))));
        });
        w.store(w.out(), Ix.c(0), total.get().div(new Val.OfInt(w.size(shape.dim(0)))));
    }

    /** d logits = dy/N · (softmax(logits) − onehot(target)); operands (logits, target, dy). */
    public record Backward() implements GradientKernel {
        public String name() {
            return "cross_entropy_grad";
        }

        @Override
        public void emit(KernelWriter w) {
            var shape = w.in(0).type().shape();
            Var scale = w.var(w.load(w.in(2), Ix.c(0)).div(new Val.OfInt(w.size(shape.dim(0)))));
            Rows.forEach(w, shape, 1, (base, stride, n, row) -> {
                Ix t = w.loadInt(w.in(1), row);
                Var max = Softmax.rowMax(w, base, stride, n);
                Var sum = Softmax.rowSumExp(w, base, stride, n, max);
                Var factor = w.var(scale.get().div(sum.get()));
                w.loop(Ix.c(0), n, k -> {
                    Ix at = Rows.at(base, stride, k);
                    w.store(w.out(), at, w.load(w.in(0), at).minus(max.get()).exp().times(factor.get()));
                });
                Ix at = Rows.at(base, stride, t);
                w.store(w.out(), at, w.load(w.out(), at).minus(scale.get()));
            });
        }
    }
}
