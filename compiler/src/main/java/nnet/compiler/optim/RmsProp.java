package nnet.compiler.optim;

import java.util.List;
import nnet.compiler.codegen.Buf;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.codegen.Var;
import nnet.runtime.DType;

/**
 * torch.optim.RMSprop: g += weight_decay·p; s = α·s + (1−α)·g²; centered, also a = α·a + (1−α)·g and
 * the denominator is √(s − a²) + ε, else √s + ε; with momentum b = momentum·b + g / denominator and
 * p −= lr·b, else p −= lr·g / denominator. Slots: s, then a when centered, then b when momentum > 0.
 */
record RmsProp(double alpha, double eps, double weightDecay, double momentum, boolean centered)
        implements OptimizerRule {

    public int slots() {
        return 1 + (centered ? 1 : 0) + (momentum > 0 ? 1 : 0);
    }

    public List<Var> prologue(KernelWriter w, Buf hyper) {
        Var lr = w.newVar(DType.F64);
        w.set(lr, w.load(hyper, Ix.c(0)));
        return List.of(lr);
    }

    public void element(KernelWriter w, Buf param, Buf grad, List<Buf> slots, Ix i, List<Var> step) {
        Val p = w.load(param, i);
        Var g = UpdateParts.decayedGradient(w, grad, i, p, weightDecay);
        Var square = w.var(Val.c(alpha).times(w.load(slots.get(0), i)).plus(Val.c(1 - alpha).times(g.get().times(g.get()))));
        w.store(slots.get(0), i, square.get());
        Var avg;
        if (centered) {
            Var mean = w.var(Val.c(alpha).times(w.load(slots.get(1), i)).plus(Val.c(1 - alpha).times(g.get())));
            w.store(slots.get(1), i, mean.get());
            avg = w.var(square.get().minus(mean.get().times(mean.get())).sqrt().plus(Val.c(eps)));
        } else {
            avg = w.var(square.get().sqrt().plus(Val.c(eps)));
        }
        Val lr = step.get(0).get();
        if (momentum > 0) {
            Buf b = slots.get(slots.size() - 1);
            Var buf = w.var(Val.c(momentum).times(w.load(b, i)).plus(g.get().div(avg.get())));
            w.store(b, i, buf.get());
            w.store(param, i, p.minus(lr.times(buf.get())));
        } else {
            w.store(param, i, p.minus(lr.times(g.get()).div(avg.get())));
        }
    }
}
