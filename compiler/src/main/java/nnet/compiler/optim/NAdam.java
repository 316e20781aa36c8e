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
 * torch.optim.NAdam: g += weight_decay·p; Adam's moments m and v; with the momentum schedule
 * μ_s = β1·(1 − ½·0.96^(s·momentum_decay)) and its running product Π_t = μ_1···μ_t,
 * p −= lr·(1−μ_t)/(1−Π_t) · g/d, then p −= lr·μ_{t+1}/(1−Π_t·μ_{t+1}) · m/d, with d = √(v / (1−β2^t)) + ε.
 *
 * <p>PyTorch keeps Π as optimizer state, multiplied by μ_t at every step. Here the step number is all the
 * state there is, so the prologue recomputes the product over s = 1..t in double, in the same order as
 * PyTorch's running product. It stops early, without changing any result, once Π < 2^−60: every μ is
 * below 1, so the later products are smaller still, and 1 − Π (the only way Π is used) is then exactly 1
 * in double for all of them. The loop therefore runs at most log(2^−60)/log(β1) times per step (about
 * 400 for β1 = 0.9) however long training runs.
 *
 * <p>Π_{t+1} = Π_t·μ_{t+1} is the product of the paper and of PyTorch from 2.0; PyTorch 1.13 multiplied
 * by μ_t a second time (a bug its maintainers fixed).
 */
record NAdam(double beta1, double beta2, double eps, double weightDecay, double momentumDecay)
        implements OptimizerRule {
    private static final double NEGLIGIBLE = 0x1p-60;

    public int slots() {
        return 2;
    }

    private Val mu(Val s) {
        return Val.c(beta1).times(Val.c(1).minus(Val.c(0.5).times(Val.c(0.96).pow(s.times(Val.c(momentumDecay))))));
    }

    /** 1−β2^t, then the step sizes of the gradient and of the momentum terms. */
    public List<Var> prologue(KernelWriter w, Buf hyper) {
        Val lr = w.load(hyper, Ix.c(0));
        Var t = w.newVar(DType.F64);
        w.set(t, w.load(hyper, Ix.c(1)));
        Var bc2 = w.newVar(DType.F64);
        w.set(bc2, Val.c(1).minus(Val.c(beta2).pow(t.get())));
        Var product = w.newVar(DType.F64);
        w.set(product, Val.c(1));
        Var s = w.newVar(DType.F64);
        w.set(s, Val.c(1));
        w.whileLoop(CompareFn.LE, s.get(), t.get(), DType.F64, () -> {
            w.set(product, product.get().times(mu(s.get())));
            w.when(CompareFn.LT, product.get(), Val.c(NEGLIGIBLE), DType.F64, () -> w.set(s, t.get()));
            w.set(s, s.get().plus(Val.c(1)));
        });
        Var mu = w.newVar(DType.F64);
        w.set(mu, mu(t.get()));
        Var muNext = w.newVar(DType.F64);
        w.set(muNext, mu(t.get().plus(Val.c(1))));
        Var gradStep = w.newVar(DType.F64);
        w.set(gradStep, lr.times(Val.c(1).minus(mu.get())).div(Val.c(1).minus(product.get())));
        Var momentumStep = w.newVar(DType.F64);
        w.set(momentumStep, lr.times(muNext.get()).div(Val.c(1).minus(product.get().times(muNext.get()))));
        return List.of(bc2, gradStep, momentumStep);
    }

    public void element(KernelWriter w, Buf param, Buf grad, List<Buf> slots, Ix i, List<Var> step) {
        Val p = w.load(param, i);
        Var g = UpdateParts.decayedGradient(w, grad, i, p, weightDecay);
        UpdateParts.Moments moments = UpdateParts.moments(w, slots, i, g, beta1, beta2);
        Var m = moments.m();
        Var v = moments.v();
        Var denom = w.var(v.get().div(step.get(0).get()).sqrt().plus(Val.c(eps)));
        Var after = w.var(p.minus(step.get(1).get().times(g.get()).div(denom.get())));
        w.store(param, i, after.get().minus(step.get(2).get().times(m.get()).div(denom.get())));
    }
}
