package nnet.compiler.optim;

import java.util.List;
import nnet.compiler.codegen.Buf;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.codegen.Var;
import nnet.runtime.DType;

/**
 * torch.optim.Adam: g += weight_decay·p; m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²;
 * p −= (lr / (1−β1^t)) · m / (√v / √(1−β2^t) + ε). With AMSGrad a third slot keeps v̂ = max(v̂, v), which
 * takes v's place in the denominator (PyTorch's form: the maximum of the raw second moments, then the
 * bias correction).
 */
record Adam(double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) implements OptimizerRule {

    public int slots() {
        return amsgrad ? 3 : 2;
    }

    public List<Var> prologue(KernelWriter w, Buf hyper) {
        Val lr = w.load(hyper, Ix.c(0));
        Val t = w.load(hyper, Ix.c(1));
        Var stepSize = w.newVar(DType.F64);
        w.set(stepSize, lr.div(Val.c(1).minus(Val.c(beta1).pow(t))));
        Var invSqrtBc2 = w.newVar(DType.F64);
        w.set(invSqrtBc2, Val.c(1).div(Val.c(1).minus(Val.c(beta2).pow(t)).sqrt()));
        return List.of(stepSize, invSqrtBc2);
    }

    public void element(KernelWriter w, Buf param, Buf grad, List<Buf> slots, Ix i, List<Var> step) {
        Val p = w.load(param, i);
        Var g = UpdateParts.decayedGradient(w, grad, i, p, weightDecay);
        UpdateParts.Moments moments = UpdateParts.moments(w, slots, i, g, beta1, beta2);
        Var m = moments.m();
        Var v = moments.v();
        if (amsgrad) {
            w.set(v, w.load(slots.get(2), i).max(v.get()));
            w.store(slots.get(2), i, v.get());
        }
        Val denom = v.get().sqrt().times(step.get(1).get()).plus(Val.c(eps));
        w.store(param, i, p.minus(step.get(0).get().times(m.get()).div(denom)));
    }
}
