package nnet.compiler.frontend;

import static nnet.compiler.frontend.Signature.Kind.TENSOR;
import static nnet.compiler.frontend.Signature.required;

/**
 * {@code metric_kind(statistic, kind)}: marks a tensor as the per-batch statistic of a metric that is
 * not a plain mean, naming how the trainer finishes it from the means over a whole pass ("sqrt" for
 * RMSE, "exp" for perplexity, "confusion", "precision", "recall" and "f1" from the [C, C] fractions of a
 * confusion matrix, "r2" from [3, K] means). The metrics of the prelude (metrics.nnet) use it; the value
 * itself passes through unchanged.
 */
final class MetricBuiltins {
    private MetricBuiltins() {
    }

    static void define(Builtins.Definer d) {
        d.def("metric_kind", Signature.of(required("statistic", TENSOR),
                Signature.oneOf("kind", "sqrt", "exp", "confusion", "precision", "recall", "f1", "r2")), c -> {
            if (!(c.arg(0) instanceof Value.Tensor t)) {
                return c.error(0, "metric_kind needs a tensor, got " + c.arg(0).describe());
            }
            c.model.metricKinds.put(t.node(), ((Value.Str) c.arg(1)).value());
            return t;
        });
    }
}
