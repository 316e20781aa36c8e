package nnet.compiler.optim;

import java.util.List;
import nnet.compiler.codegen.Buf;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.codegen.Var;
import nnet.runtime.DType;

/**
 * torch.optim.Adagrad: g += weight_decay·p; sum += g²; p −= clr · g / (√sum + ε) with
 * clr = lr / (1 + (t − 1)·lr_decay). The sum starts at initial_accumulator_value, which the runtime
 * writes into the slot on a fresh model and on every optimizer reset.
 */
record Adagrad(double lrDecay, double weightDecay, double initialAccumulator, double eps) implements OptimizerRule {

    public int slots() {
        return 1;
    }

    @Override
    public double initialValue(int k) {
        return initialAccumulator;
    }

    public List<Var> prologue(KernelWriter w, Buf hyper) {
        Val lr = w.load(hyper, Ix.c(0));
        Val t = w.load(hyper, Ix.c(1));
        Var clr = w.newVar(DType.F64);
        w.set(clr, lr.div(Val.c(1).plus(t.minus(Val.c(1)).times(Val.c(lrDecay)))));
        return List.of(clr);
    }

    public void element(KernelWriter w, Buf param, Buf grad, List<Buf> slots, Ix i, List<Var> step) {
        Val p = w.load(param, i);
        Var g = UpdateParts.decayedGradient(w, grad, i, p, weightDecay);
        Var sum = w.var(w.load(slots.get(0), i).plus(g.get().times(g.get())));
        w.store(slots.get(0), i, sum.get());
        Val std = sum.get().sqrt().plus(Val.c(eps));
        w.store(param, i, p.minus(step.get(0).get().times(g.get()).div(std)));
    }
}
