package nnet.compiler.optim;

import java.util.List;
import nnet.compiler.codegen.Buf;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.codegen.Var;

/** Pieces of the per-element update that several optimizers share, written once. */
final class UpdateParts {
    private UpdateParts() {
    }

    /** The gradient with L2 weight decay folded in, g + weight_decay·p, as torch.optim adds it. */
    static Var decayedGradient(KernelWriter w, Buf grad, Ix i, Val p, double weightDecay) {
        return w.var(weightDecay == 0 ? w.load(grad, i) : w.load(grad, i).plus(Val.c(weightDecay).times(p)));
    }

    /** Adam's first and second moments after this step. */
    record Moments(Var m, Var v) {
    }

    /**
     * m = β1·m + (1−β1)·g and v = β2·v + (1−β2)·g², read from and stored back into slots 0 and 1.
     */
    static Moments moments(KernelWriter w, List<Buf> slots, Ix i, Var g, double beta1, double beta2) {
        Var m = w.var(Val.c(beta1).times(w.load(slots.get(0), i)).plus(Val.c(1 - beta1).times(g.get())));
        Var v = w.var(Val.c(beta2).times(w.load(slots.get(1), i)).plus(Val.c(1 - beta2).times(g.get().times(g.get()))));
        w.store(slots.get(0), i, m.get());
        w.store(slots.get(1), i, v.get());
        return new Moments(m, v);
    }
}
