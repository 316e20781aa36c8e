package nnet.compiler.optim;

import java.util.List;
import nnet.compiler.codegen.Buf;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Var;
import nnet.runtime.model.OptimizerSpec;

/**
 * An optimizer as code: the per-step scalars it derives from the learning rate and step number, and
 * the per-element update of a parameter, its gradient and its state slots. Constant hyper-parameters
 * are baked into the code; the learning rate stays a run-time value so that schedules need no
 * recompilation.
 */
public interface OptimizerRule {

    /** How many arrays of state per parameter element (momentum, second moment...). */
    int slots();

    /**
     * The value every element of slot {@code k} starts from, on a fresh model and after
     * {@code Model.resetOptimizer}: 0 unless the optimizer says otherwise (Adagrad's sum starts at
     * initial_accumulator_value). The runtime fills the slots; the update code never initialises them.
     */
    default double initialValue(int k) {
        return 0;
    }

    /** {@link #initialValue} of every slot, in order. */
    default double[] initialValues() {
        double[] values = new double[slots()];
        for (int k = 0; k < values.length; k++) {
            values[k] = initialValue(k);
        }
        return values;
    }

    /** Emits the per-step scalars (as f64 locals) from {@code hyper[0]} = lr and {@code hyper[1]} = step (1-based). */
    List<Var> prologue(KernelWriter w, Buf hyper);

    /** Emits the update of element {@code i}. */
    void element(KernelWriter w, Buf param, Buf grad, List<Buf> slots, Ix i, List<Var> step);

    static OptimizerRule of(OptimizerSpec spec) {
        return switch (spec.kind()) {
            case "sgd" -> new Sgd(spec.get("momentum"), spec.get("dampening"), spec.get("weight_decay"),
                    spec.get("nesterov") != 0);
            case "adam" -> new Adam(spec.get("beta1"), spec.get("beta2"), spec.get("eps"), spec.get("weight_decay"),
                    spec.get("amsgrad") != 0);
            case "adamw" -> new AdamW(spec.get("beta1"), spec.get("beta2"), spec.get("eps"), spec.get("weight_decay"),
                    spec.get("amsgrad") != 0);
            case "rmsprop" -> new RmsProp(spec.get("alpha"), spec.get("eps"), spec.get("weight_decay"),
                    spec.get("momentum"), spec.get("centered") != 0);
            case "adagrad" -> new Adagrad(spec.get("lr_decay"), spec.get("weight_decay"),
                    spec.get("initial_accumulator_value"), spec.get("eps"));
            case "nadam" -> new NAdam(spec.get("beta1"), spec.get("beta2"), spec.get("eps"), spec.get("weight_decay"),
                    spec.get("momentum_decay"));
            case "radam" -> new RAdam(spec.get("beta1"), spec.get("beta2"), spec.get("eps"), spec.get("weight_decay"));
            case "lion" -> new Lion(spec.get("beta1"), spec.get("beta2"), spec.get("weight_decay"));
            default -> throw new IllegalArgumentException("unknown optimizer " + spec.kind());
        };
    }
}
