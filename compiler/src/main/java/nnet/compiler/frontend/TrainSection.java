package nnet.compiler.frontend;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nnet.compiler.ast.Decl;
import nnet.compiler.ast.Module;
import nnet.compiler.ir.Root;
import nnet.compiler.source.Diagnostics;
import nnet.runtime.DType;
import nnet.runtime.model.OptimizerSpec;
import nnet.runtime.model.TrainConfig;

/** Reads a {@code train Model { ... }} section into a {@link TrainConfig}. */
final class TrainSection {
    private static final List<String> SETTINGS = List.of("optimizer", "batch", "epochs", "seed", "validation", "shuffle");

    private TrainSection() {
    }

    static TrainConfig read(Decl.Train t, ElaboratedModel model, Module main, ModuleSet modules, Diagnostics d) {
        if (model.graph().roots(Root.Kind.LOSS).isEmpty()) {
            d.error(t.span(), "model '" + t.model() + "' has no loss; a training section needs one ('loss = ...')");
        }
        ModelBuilder scratch = new ModelBuilder(t.model(), DType.F32, d);
        Expressions expressions = new Expressions(new Elaborator(modules, d), scratch);
        Env env = new Env(main, "", false, 0);
        Map<String, Value> values = new HashMap<>();
        for (Decl.Setting s : t.settings()) {
            if (!SETTINGS.contains(s.name())) {
                String hint = Suggest.closest(s.name(), SETTINGS);
                d.error(s.span(), "unknown training setting '" + s.name() + "'"
                        + (hint == null ? "; known: " + String.join(", ", SETTINGS) : "; did you mean '" + hint + "'?"));
                continue;
            }
            if (values.containsKey(s.name())) {
                d.error(s.span(), "'" + s.name() + "' is set twice");
                continue;
            }
            values.put(s.name(), expressions.eval(s.value(), env));
        }
        Value opt = values.get("optimizer");
        if (opt == null) {
            d.error(t.span(), "the training section of '" + t.model() + "' needs an optimizer, e.g. 'optimizer = adam(lr = 1e-3)'");
            return null;
        }
        if (!(opt instanceof Value.OptimizerValue ov)) {
            if (!(opt instanceof Value.Error)) {
                d.error(spanOf(t, "optimizer"), "optimizer must be sgd(...) or adam(...), got " + opt.describe());
            }
            return null;
        }
        int batch = positiveInt(t, values, "batch", 32, d);
        int epochs = positiveInt(t, values, "epochs", 10, d);
        long seed = values.get("seed") instanceof Value.Int i ? i.value() : checkAbsent(t, values, "seed", "an int", d);
        double validation = fraction(t, values, d);
        boolean shuffle = !(values.get("shuffle") instanceof Value.Bool b) || b.value();
        return new TrainConfig(new OptimizerSpec(ov.kind(), ov.hyper()), batch, epochs, seed, validation, shuffle);
    }

    private static int positiveInt(Decl.Train t, Map<String, Value> values, String name, int fallback, Diagnostics d) {
        Value v = values.get(name);
        if (v == null || v instanceof Value.Error) {
            return fallback;
        }
        if (v instanceof Value.Int i && i.value() > 0 && i.value() <= Integer.MAX_VALUE) {
            return (int) i.value();
        }
        d.error(spanOf(t, name), name + " must be a positive int, got " + v.describe());
        return fallback;
    }

    private static long checkAbsent(Decl.Train t, Map<String, Value> values, String name, String what, Diagnostics d) {
        Value v = values.get(name);
        if (v != null && !(v instanceof Value.Error)) {
            d.error(spanOf(t, name), name + " must be " + what + ", got " + v.describe());
        }
        return 0;
    }

    private static double fraction(Decl.Train t, Map<String, Value> values, Diagnostics d) {
        Value v = values.get("validation");
        if (v == null || v instanceof Value.Error) {
            return 0;
        }
        if (Value.isNumber(v) && Value.number(v) >= 0 && Value.number(v) < 1) {
            return Value.number(v);
        }
        d.error(spanOf(t, "validation"), "validation must be a fraction in [0, 1), got " + v.describe());
        return 0;
    }

    private static nnet.compiler.source.Span spanOf(Decl.Train t, String name) {
        return t.settings().stream().filter(s -> s.name().equals(name)).map(s -> s.value().span()).findFirst()
                .orElse(t.span());
    }
}
