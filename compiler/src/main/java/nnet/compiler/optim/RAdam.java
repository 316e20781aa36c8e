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
 * torch.optim.RAdam: g += weight_decay·p; Adam's moments m and v; with ρ∞ = 2/(1−β2) − 1 and
 * ρt = ρ∞ − 2t·β2^t / (1−β2^t), when ρt > 5 the rectified step
 * p −= (m / (1−β1^t)) · lr · (√(1−β2^t) / (√v + ε)) · r with r = √((ρt−4)(ρt−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρt)),
 * else the momentum step p −= (m / (1−β1^t)) · lr. The switch is decided once per step, in double.
 */
record RAdam(double beta1, double beta2, double eps, double weightDecay) implements OptimizerRule {

    public int slots() {
        return 2;
    }

    /** 1−β1^t, lr, √(1−β2^t), r, and 1 when ρt > 5 (else 0). */
    public List<Var> prologue(KernelWriter w, Buf hyper) {
        Val t = w.load(hyper, Ix.c(1));
        Var bc1 = w.newVar(DType.F64);
        w.set(bc1, Val.c(1).minus(Val.c(beta1).pow(t)));
        Var lr = w.newVar(DType.F64);
        w.set(lr, w.load(hyper, Ix.c(0)));
        Var bc2 = w.newVar(DType.F64);
        w.set(bc2, Val.c(1).minus(Val.c(beta2).pow(t)));
        double rhoInf = 2 / (1 - beta2) - 1;
        Var rho = w.newVar(DType.F64);
        w.set(rho, Val.c(rhoInf).minus(Val.c(2).times(t).times(Val.c(beta2).pow(t)).div(bc2.get())));
        Var rect = w.newVar(DType.F64);
        w.set(rect, rho.get().minus(Val.c(4)).times(rho.get().minus(Val.c(2))).times(Val.c(rhoInf))
                .div(Val.c((rhoInf - 4) * (rhoInf - 2)).times(rho.get())).sqrt());
        Var sqrtBc2 = w.newVar(DType.F64);
        w.set(sqrtBc2, bc2.get().sqrt());
        Var rectified = w.newVar(DType.F64);
        w.set(rectified, rho.get().select(CompareFn.GT, Val.c(5), Val.c(1), Val.c(0)));
        return List.of(bc1, lr, sqrtBc2, rect, rectified);
    }

    public void element(KernelWriter w, Buf param, Buf grad, List<Buf> slots, Ix i, List<Var> step) {
        Val p = w.load(param, i);
        Var g = UpdateParts.decayedGradient(w, grad, i, p, weightDecay);
        UpdateParts.Moments moments = UpdateParts.moments(w, slots, i, g, beta1, beta2);
        Var m = moments.m();
        Var v = moments.v();
        Val scaled = m.get().div(step.get(0).get()).times(step.get(1).get());
        Val adaptive = step.get(2).get().div(v.get().sqrt().plus(Val.c(eps)));
        Val rectifiedStep = scaled.times(adaptive).times(step.get(3).get());
        Val update = step.get(4).get().select(CompareFn.GT, Val.c(0.5), rectifiedStep, scaled);
        w.store(param, i, p.minus(update));
    }
}
