package nnet.compiler.frontend;

import static nnet.compiler.frontend.Signature.Kind.BOOL;
import static nnet.compiler.frontend.Signature.Kind.FLOAT;
import static nnet.compiler.frontend.Signature.optional;
import static nnet.compiler.frontend.Signature.required;

import java.util.LinkedHashMap;
import java.util.Map;

/** Optimizers as in torch.optim, with PyTorch's hyper-parameter names and defaults. */
final class Optimizers {
    private Optimizers() {
    }

    static void define(Builtins.Definer d) {
        d.def("sgd", Signature.of(required("lr", FLOAT), optional("momentum", FLOAT, f(0)),
                optional("dampening", FLOAT, f(0)), optional("weight_decay", FLOAT, f(0)),
                optional("nesterov", BOOL, new Value.Bool(false))), c -> {
                    if (c.boolArg(4) && (c.floatArg(1) <= 0 || c.floatArg(2) != 0)) {
                        return c.error(4, "nesterov momentum needs momentum > 0 and dampening = 0");
                    }
                    return optimizer(c, "sgd", "lr", "momentum", "dampening", "weight_decay", "nesterov");
                });
        d.def("adam", Signature.of(optional("lr", FLOAT, f(1e-3)), optional("beta1", FLOAT, f(0.9)),
                optional("beta2", FLOAT, f(0.999)), optional("eps", FLOAT, f(1e-8)),
                optional("weight_decay", FLOAT, f(0))),
                c -> optimizer(c, "adam", "lr", "beta1", "beta2", "eps", "weight_decay"));
    }

    private static Value optimizer(CallSite c, String kind, String... names) {
        Map<String, Double> hyper = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            Value v = c.arg(i);
            double x = v instanceof Value.Bool b ? (b.value() ? 1 : 0) : Value.number(v);
            if (x < 0 || Double.isNaN(x) || Double.isInfinite(x)) {
                return c.error(i, kind + ": " + names[i] + " must be a finite number ≥ 0, got " + x);
            }
            hyper.put(names[i], x);
        }
        if (kind.equals("adam") && (hyper.get("beta1") >= 1 || hyper.get("beta2") >= 1)) {
            return c.error("adam: beta1 and beta2 must be below 1");
        }
        return new Value.OptimizerValue(kind, hyper);
    }

    private static Value f(double v) {
        return new Value.Float(v);
    }
}
