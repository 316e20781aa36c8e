package nnet.compiler.optim;

import java.util.List;
import nnet.compiler.codegen.Buf;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.codegen.Var;
import nnet.compiler.ir.CompareFn;
import nnet.runtime.DType;

/**
 * Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms"; not in torch.optim):
 * c = β1·m + (1−β1)·g; p −= lr·(sign(c) + weight_decay·p); m = β2·m + (1−β2)·g. sign is torch.sign's:
 * 0 for ±0 and NaN for NaN.
 */
record Lion(double beta1, double beta2, double weightDecay) implements OptimizerRule {

    public int slots() {
        return 1;
    }

    public List<Var> prologue(KernelWriter w, Buf hyper) {
        Var lr = w.newVar(DType.F64);
        w.set(lr, w.load(hyper, Ix.c(0)));
        return List.of(lr);
    }

    public void element(KernelWriter w, Buf param, Buf grad, List<Buf> slots, Ix i, List<Var> step) {
        Var g = w.var(w.load(grad, i));
        Var m = w.var(w.load(slots.get(0), i));
        Var c = w.var(Val.c(beta1).times(m.get()).plus(Val.c(1 - beta1).times(g.get())));
        Val sign = c.get().select(CompareFn.GT, Val.c(0), Val.c(1),
                c.get().select(CompareFn.LT, Val.c(0), Val.c(-1), c.get()));
        Val p = w.load(param, i);
        Val direction = weightDecay == 0 ? sign : sign.plus(Val.c(weightDecay).times(p));
        w.store(param, i, p.minus(step.get(0).get().times(direction)));
        w.store(slots.get(0), i, Val.c(beta2).times(m.get()).plus(Val.c(1 - beta2).times(g.get())));
    }
}
