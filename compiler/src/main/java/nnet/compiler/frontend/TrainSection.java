package nnet.compiler.frontend;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nnet.compiler.ast.Decl;
import nnet.compiler.ast.Module;
import nnet.compiler.ir.Root;
import nnet.compiler.source.Diagnostics;
import nnet.compiler.source.Span;
import nnet.runtime.model.GradientClipping;
import nnet.runtime.model.OptimizerSpec;
import nnet.runtime.model.ScheduleSpec;
import nnet.runtime.model.TrainConfig;

/** Reads a {@code train Model { ... }} section into a {@link TrainConfig}. */
final class TrainSection {
    private static final List<String> SETTINGS = List.of("optimizer", "schedule", "clip_grad_norm",
            "clip_grad_value", "batch", "epochs", "seed", "validation", "shuffle", "freeze");

    /** A section read: the settings the run takes, and the parameter patterns to freeze (none: empty). */
    record Settings(TrainConfig config, List<String> freeze, Span freezeSpan) {
    }

    private TrainSection() {
    }

    /** {@code modelFailed}: the model had errors, so a missing loss may be one of them and is not reported again. */
    static Settings read(Decl.Train t, ElaboratedModel model, boolean modelFailed, Module main, ModuleSet modules,
                            Diagnostics d) {
        if (model.train().roots(Root.Kind.LOSS).isEmpty() && !modelFailed) {
            d.error(t.span(), "model '" + t.model() + "' has no loss; a training section needs one ('loss = ...')");
        }
        Elaborator expressions = Elaborator.forSettings(modules, d, t.model());
        Env env = new Env(main, "", false, 0);
        Map<String, Value> values = new HashMap<>();
        int errorsBefore = d.errorCount();
        Value.OptimizerValue optimizer = null;
        int batch = 32;
        int epochs = 10;
        long seed = 0;
        double validation = 0;
        boolean shuffle = true;
        Value.ScheduleValue schedule = null;
        double clipNorm = 0;
        double clipValue = 0;
        List<String> freeze = List.of();
        Span freezeSpan = null;
        // Settings are checked in source order, so their errors come in that order too.
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
            Value v = expressions.eval(s.value(), env);
            values.put(s.name(), v);
            if (v instanceof Value.Error) {
                continue;
            }
            Span at = s.value().span();
            switch (s.name()) {
                case "optimizer" -> {
                    if (v instanceof Value.OptimizerValue ov) {
                        optimizer = ov;
                    } else {
                        d.error(at, "optimizer must be one of " + String.join(", ", Optimizers.NAMES.stream()
                                .map(n -> n + "(...)").toList()) + ", got " + v.describe());
                    }
                }
                case "schedule" -> {
                    if (v instanceof Value.ScheduleValue sv) {
                        schedule = sv;
                    } else {
                        d.error(at, "schedule must be step_lr(...), multistep_lr(...), exponential_lr(...), "
                                + "cosine_annealing_lr(...) or linear_lr(...), got "
                                + v.describe());
                    }
                }
                case "clip_grad_norm" -> clipNorm = positiveFloat(s, v, d);
                case "clip_grad_value" -> clipValue = positiveFloat(s, v, d);
                case "batch" -> batch = positiveInt(s, v, batch, d);
                case "epochs" -> epochs = positiveInt(s, v, epochs, d);
                case "seed" -> {
                    if (v instanceof Value.Int i) {
                        seed = i.value();
                    } else {
                        d.error(at, "seed must be an int, got " + v.describe());
                    }
                }
                case "freeze" -> {
                    freeze = patterns(s, v, d);
                    freezeSpan = at;
                }
                case "validation" -> {
                    if (Value.isNumber(v) && Value.number(v) >= 0 && Value.number(v) < 1) {
                        validation = Value.number(v);
                    } else {
                        d.error(at, "validation must be a fraction in [0, 1), got " + v.describe());
                    }
                }
                default -> {
                    if (v instanceof Value.Bool b) {
                        shuffle = b.value();
                    } else {
                        d.error(at, "shuffle must be true or false, got " + v.describe());
                    }
                }
            }
        }
        if (!values.containsKey("optimizer")) {
            d.error(t.span(), "the training section of '" + t.model() + "' needs an optimizer, e.g. 'optimizer = adam(lr = 1e-3)'");
        }
        if (optimizer == null || d.errorCount() > errorsBefore) {
            return null;
        }
        TrainConfig config = new TrainConfig(new OptimizerSpec(optimizer.kind(), optimizer.hyper()), batch, epochs, seed,
                validation, shuffle, schedule == null ? null : scheduleSpec(schedule, epochs),
                clipNorm == 0 && clipValue == 0 ? null : new GradientClipping(clipNorm, clipValue));
        return new Settings(config, freeze, freezeSpan);
    }

    /** freeze's value: a string or a list of strings, the name patterns. */
    private static List<String> patterns(Decl.Setting s, Value v, Diagnostics d) {
        List<Value> items = v instanceof Value.Str ? List.of(v) : v instanceof Value.ListValue l ? l.items() : null;
        if (items != null && !items.isEmpty() && items.stream().allMatch(Value.Str.class::isInstance)) {
            return items.stream().map(i -> ((Value.Str) i).value()).toList();
        }
        d.error(s.value().span(), "freeze must be a parameter name pattern or a list of them (\"encoder.*\"), got "
                + v.describe());
        return List.of();
    }

    /** The schedule with CosineAnnealingLR's t_max of 0 read as the number of epochs. */
    private static ScheduleSpec scheduleSpec(Value.ScheduleValue v, int epochs) {
        Map<String, Double> args = new HashMap<>(v.args());
        if (args.containsKey("t_max") && args.get("t_max") == 0) {
            args.put("t_max", (double) epochs);
        }
        return new ScheduleSpec(v.kind(), args);
    }

    private static double positiveFloat(Decl.Setting s, Value v, Diagnostics d) {
        if (Value.isNumber(v) && Value.number(v) > 0 && Double.isFinite(Value.number(v))) {
            return Value.number(v);
        }
        d.error(s.value().span(), s.name() + " must be a finite number > 0, got " + v.describe());
        return 0;
    }

    private static int positiveInt(Decl.Setting s, Value v, int fallback, Diagnostics d) {
        if (v instanceof Value.Int i && i.value() > 0 && i.value() <= Integer.MAX_VALUE) {
            return (int) i.value();
        }
        d.error(s.value().span(), s.name() + " must be a positive int, got " + v.describe());
        return fallback;
    }
}
