package nnet.compiler.frontend;

import static nnet.compiler.frontend.Signature.Kind.BOOL;
import static nnet.compiler.frontend.Signature.Kind.FLOAT;
import static nnet.compiler.frontend.Signature.optional;
import static nnet.compiler.frontend.Signature.required;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Optimizers as in torch.optim, with PyTorch's hyper-parameter names, defaults and order (the betas
 * tuple spelled beta1, beta2), and Lion with the names of its paper. Every hyper-parameter must be a
 * finite number ≥ 0, as PyTorch checks (it lets infinities through, which would only make NaNs), and
 * beta1, beta2 must be below 1.
 */
final class Optimizers {
    /** The optimizers a training section takes. */
    static final List<String> NAMES = List.of("sgd", "adam", "adamw", "rmsprop", "adagrad", "nadam", "radam", "lion");

    private Optimizers() {
    }

    static void define(Builtins.Definer d) {
        d.def("sgd", Signature.of(required("lr", FLOAT), optional("momentum", FLOAT, f(0)),
                optional("dampening", FLOAT, f(0)), optional("weight_decay", FLOAT, f(0)),
                optional("nesterov", BOOL, bool(false))), c -> {
                    if (c.boolArg(4) && (c.floatArg(1) <= 0 || c.floatArg(2) != 0)) {
                        return c.error(4, "nesterov momentum needs momentum > 0 and dampening = 0");
                    }
                    return optimizer(c, "sgd", "lr", "momentum", "dampening", "weight_decay", "nesterov");
                });
        d.def("adam", Signature.of(optional("lr", FLOAT, f(1e-3)), optional("beta1", FLOAT, f(0.9)),
                optional("beta2", FLOAT, f(0.999)), optional("eps", FLOAT, f(1e-8)),
                optional("weight_decay", FLOAT, f(0)), optional("amsgrad", BOOL, bool(false))),
                c -> optimizer(c, "adam", "lr", "beta1", "beta2", "eps", "weight_decay", "amsgrad"));
        d.def("adamw", Signature.of(optional("lr", FLOAT, f(1e-3)), optional("beta1", FLOAT, f(0.9)),
                optional("beta2", FLOAT, f(0.999)), optional("eps", FLOAT, f(1e-8)),
                optional("weight_decay", FLOAT, f(1e-2)), optional("amsgrad", BOOL, bool(false))),
                c -> optimizer(c, "adamw", "lr", "beta1", "beta2", "eps", "weight_decay", "amsgrad"));
        d.def("rmsprop", Signature.of(optional("lr", FLOAT, f(1e-2)), optional("alpha", FLOAT, f(0.99)),
                optional("eps", FLOAT, f(1e-8)), optional("weight_decay", FLOAT, f(0)),
                optional("momentum", FLOAT, f(0)), optional("centered", BOOL, bool(false))),
                c -> optimizer(c, "rmsprop", "lr", "alpha", "eps", "weight_decay", "momentum", "centered"));
        d.def("adagrad", Signature.of(optional("lr", FLOAT, f(1e-2)), optional("lr_decay", FLOAT, f(0)),
                optional("weight_decay", FLOAT, f(0)), optional("initial_accumulator_value", FLOAT, f(0)),
                optional("eps", FLOAT, f(1e-10))),
                c -> optimizer(c, "adagrad", "lr", "lr_decay", "weight_decay", "initial_accumulator_value", "eps"));
        d.def("nadam", Signature.of(optional("lr", FLOAT, f(2e-3)), optional("beta1", FLOAT, f(0.9)),
                optional("beta2", FLOAT, f(0.999)), optional("eps", FLOAT, f(1e-8)),
                optional("weight_decay", FLOAT, f(0)), optional("momentum_decay", FLOAT, f(4e-3))),
                c -> optimizer(c, "nadam", "lr", "beta1", "beta2", "eps", "weight_decay", "momentum_decay"));
        d.def("radam", Signature.of(optional("lr", FLOAT, f(1e-3)), optional("beta1", FLOAT, f(0.9)),
                optional("beta2", FLOAT, f(0.999)), optional("eps", FLOAT, f(1e-8)),
                optional("weight_decay", FLOAT, f(0))),
                c -> optimizer(c, "radam", "lr", "beta1", "beta2", "eps", "weight_decay"));
        d.def("step_lr", Signature.of(required("step_size", Signature.Kind.INT), optional("gamma", FLOAT, f(0.1))),
                c -> schedule(c, "step", "step_size", "gamma"));
        d.def("exponential_lr", Signature.of(required("gamma", FLOAT)), c -> schedule(c, "exponential", "gamma"));
        d.def("multistep_lr", Signature.of(required("milestones", Signature.Kind.INTS), optional("gamma", FLOAT, f(0.1))),
                Optimizers::multistep);
        d.def("linear_lr", Signature.of(optional("start_factor", FLOAT, f(1.0 / 3)), optional("end_factor", FLOAT, f(1)),
                optional("total_iters", Signature.Kind.INT, new Value.Int(5))), c -> {
                    if (!(c.floatArg(0) > 0 && c.floatArg(0) <= 1)) {
                        return c.error(0, "linear_lr: start_factor must be in (0, 1], got " + c.floatArg(0));
                    }
                    if (!(c.floatArg(1) >= 0 && c.floatArg(1) <= 1)) {
                        return c.error(1, "linear_lr: end_factor must be in [0, 1], got " + c.floatArg(1));
                    }
                    if (c.intArg(2) < 1) {
                        return c.error(2, "linear_lr: total_iters must be an int ≥ 1, got " + c.intArg(2));
                    }
                    return schedule(c, "linear", "start_factor", "end_factor", "total_iters");
                });
        d.def("cosine_annealing_lr", Signature.of(optional("t_max", Signature.Kind.INT, new Value.Int(0)),
                optional("eta_min", FLOAT, f(0))), c -> schedule(c, "cosine", "t_max", "eta_min"));
        d.def("lion", Signature.of(optional("lr", FLOAT, f(1e-4)), optional("beta1", FLOAT, f(0.9)),
                optional("beta2", FLOAT, f(0.99)), optional("weight_decay", FLOAT, f(0))),
                c -> optimizer(c, "lion", "lr", "beta1", "beta2", "weight_decay"));
    }

    /**
     * The schedule {@code kind} with the call's arguments under {@code names}: finite numbers ≥ 0, a
     * step_size ≥ 1; t_max 0 stands for the number of epochs, filled in by the training section.
     */
    private static Value schedule(CallSite c, String kind, String... names) {
        Map<String, Double> args = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            double x = Value.number(c.arg(i));
            if (x < 0 || Double.isNaN(x) || Double.isInfinite(x) || names[i].equals("step_size") && x < 1) {
                return c.error(i, c.callee + ": " + names[i] + " must be " + (names[i].equals("step_size")
                        ? "an int ≥ 1" : "a finite number ≥ 0") + ", got " + StaticValues.text(c.arg(i)));
            }
            args.put(names[i], x);
        }
        return new Value.ScheduleValue(kind, args);
    }

    /** MultiStepLR: milestones (epochs, increasing, ≥ 0) as milestone0, milestone1..., then gamma. */
    private static Value multistep(CallSite c) {
        java.util.List<Long> milestones = c.intsArg(0);
        Map<String, Double> args = new LinkedHashMap<>();
        for (int i = 0; i < milestones.size(); i++) {
            if (milestones.get(i) < 0 || i > 0 && milestones.get(i) <= milestones.get(i - 1)) {
                return c.error(0, "multistep_lr: milestones must be increasing epochs ≥ 0, got " + milestones);
            }
            args.put("milestone" + i, (double) milestones.get(i));
        }
        if (!(c.floatArg(1) >= 0) || Double.isInfinite(c.floatArg(1))) {
            return c.error(1, "multistep_lr: gamma must be a finite number ≥ 0, got " + c.floatArg(1));
        }
        args.put("gamma", c.floatArg(1));
        return new Value.ScheduleValue("multistep", args);
    }

    /** The optimizer {@code kind} with the call's arguments under {@code names} (the signature's order). */
    private static Value optimizer(CallSite c, String kind, String... names) {
        Map<String, Double> hyper = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            Value v = c.arg(i);
            double x = v instanceof Value.Bool b ? (b.value() ? 1 : 0) : Value.number(v);
            if (x < 0 || Double.isNaN(x) || Double.isInfinite(x)) {
                return c.error(i, kind + ": " + names[i] + " must be a finite number ≥ 0, got " + x);
            }
            if ((names[i].equals("beta1") || names[i].equals("beta2")) && x >= 1) {
                return c.error(i, kind + ": " + names[i] + " must be in [0, 1), got " + x);
            }
            hyper.put(names[i], x);
        }
        return new Value.OptimizerValue(kind, hyper);
    }

    private static Value f(double v) {
        return new Value.Float(v);
    }

    private static Value bool(boolean v) {
        return new Value.Bool(v);
    }
}
