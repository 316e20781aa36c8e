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
 * torch.optim.SGD: g += weight_decay·p; with momentum, buf = g on the first step and
 * momentum·buf + (1 − dampening)·g after, and g = buf (or g + momentum·buf with Nesterov); p −= lr·g.
 */
record Sgd(double momentum, double dampening, double weightDecay, boolean nesterov) implements OptimizerRule {

    public int slots() {
        return momentum != 0 ? 1 : 0;
    }

    public List<Var> prologue(KernelWriter w, Buf hyper) {
        Var lr = w.newVar(DType.F64);
        w.set(lr, w.load(hyper, Ix.c(0)));
        Var step = w.newVar(DType.F64);
        w.set(step, w.load(hyper, Ix.c(1)));
        return List.of(lr, step);
    }

    public void element(KernelWriter w, Buf param, Buf grad, List<Buf> slots, Ix i, List<Var> step) {
        Val p = w.load(param, i);
        Var g = UpdateParts.decayedGradient(w, grad, i, p, weightDecay);
        if (momentum != 0) {
            Val previous = Val.c(momentum).times(w.load(slots.get(0), i)).plus(Val.c(1 - dampening).times(g.get()));
            Var buf = w.var(step.get(1).get().select(CompareFn.EQ, Val.c(1), g.get(), previous));
            w.store(slots.get(0), i, buf.get());
            w.set(g, nesterov ? g.get().plus(Val.c(momentum).times(buf.get())) : buf.get());
        }
        w.store(param, i, w.load(param, i).minus(step.get(0).get().times(g.get())));
    }
}
