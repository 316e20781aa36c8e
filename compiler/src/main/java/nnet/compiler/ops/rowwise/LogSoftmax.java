package nnet.compiler.ops.rowwise;

import java.util.List;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.codegen.Var;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.GradientKernel;
import nnet.compiler.ops.KernelOp;
import nnet.compiler.ops.Rows;

/** log_softmax along an axis as one fused kernel: y = (x − max) − log Σ exp(x − max). */
public record LogSoftmax(int axis) implements KernelOp {
    public String name() {
        return "log_softmax";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        return Softmax.checkRows(name(), inputs.get(0), axis);
    }

    @Override
    public int inPlaceOperand() {
        return 0;
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        return g.only(g.graph().add(new Backward(axis), g.output(), g.outputGrad()));
    }

    @Override
    public void emit(KernelWriter w) {
        Rows.forEach(w, w.in(0).type().shape(), axis, (base, stride, n, row) -> {
            Var max = Softmax.rowMax(w, base, stride, n);
            Var sum = Softmax.rowSumExp(w, base, stride, n, max);
            // (x − max) − log Σ, not x − (max + log Σ): the latter rounds max + log Σ first, which in f32
            // loses most digits of the result for large logits.
            Var logSum = w.var(sum.get().log());
            w.loop(Ix.c(0), n, k -> {
                Ix at = Rows.at(base, stride, k);
                w.store(w.out(), at, w.load(w.in(0), at).minus(max.get()).minus(logSum.get()));
            });
        });
    }

    @Override
    public String attributes() {
        return "axis=" + axis;
    }

    /** dx = dy − exp(y)·Σ dy per row; operands (y, dy). */
    public record Backward(int axis) implements GradientKernel {
        public String name() {
            return "log_softmax_grad";
        }

        @Override
        public int inPlaceOperand() {
            return 1;
        }

        @Override
        public void emit(KernelWriter w) {
            Rows.forEach(w, w.in(0).type().shape(), axis, (base, stride, n, row) -> {
                Var total = w.var(Val.c(0));
                w.loop(Ix.c(0), n, k -> w.set(total, total.get().plus(w.load(w.in(1), Rows.at(base, stride, k)))));
                w.loop(Ix.c(0), n, k -> {
                    Ix at = Rows.at(base, stride, k);
                    w.store(w.out(), at, w.load(w.in(1), at).minus(w.load(w.in(0), at).exp().times(total.get())));
                });
            });
        }

        @Override
        public String attributes() {
            return "axis=" + axis;
        }
    }
}
