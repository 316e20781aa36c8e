package nnet.compiler.optim;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.codegen.Buf;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.codegen.Var;
import nnet.runtime.DType;

/**
 * torch.optim.AdamW: decoupled weight decay p *= 1 − lr·weight_decay, then the Adam step (with or
 * without AMSGrad) on the undecayed gradient. The decayed parameter is stored first and the Adam step
 * reads it back, so the two updates round as PyTorch's two in-place operations.
 */
record AdamW(Adam adam, double weightDecay) implements OptimizerRule {

    AdamW(double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        this(new Adam(beta1, beta2, eps, 0, amsgrad), weightDecay);
    }

    public int slots() {
        return adam.slots();
    }

    /** Adam's per-step scalars, then the decay factor 1 − lr·weight_decay. */
    public List<Var> prologue(KernelWriter w, Buf hyper) {
        List<Var> step = new ArrayList<>(adam.prologue(w, hyper));
        Var keep = w.newVar(DType.F64);
        w.set(keep, Val.c(1).minus(w.load(hyper, Ix.c(0)).times(Val.c(weightDecay))));
        step.add(keep);
        return step;
    }

    public void element(KernelWriter w, Buf param, Buf grad, List<Buf> slots, Ix i, List<Var> step) {
        if (weightDecay != 0) {
            w.store(param, i, w.load(param, i).times(step.get(step.size() - 1).get()));
        }
        adam.element(w, param, grad, slots, i, step);
    }
}
