package nnet.compiler.frontend;

import java.util.List;
import java.util.Map;
import nnet.runtime.model.LayerInfo;
import nnet.compiler.ir.Graph;
import nnet.compiler.source.Span;
import nnet.runtime.DType;

/**
 * A model as the front end hands it on: its checked forward graphs (inputs, parameters, outputs, loss
 * and metrics as roots) in training mode, which the train program differentiates, and in evaluation
 * mode, which predict and evaluate run (the same graph when the model never tests {@code training});
 * the dtype its parameters default to, its run-time dims in order of first appearance, the calls that
 * declare parameters (for summaries) and how each metric that is not a plain mean is finished.
 */
public record ElaboratedModel(String name, Graph train, Graph eval, DType floatType, List<String> dims, Span span,
                              List<LayerInfo> layers, Map<String, String> metricKinds) {

    /** Whether the two modes compute differently (dropout, batch statistics...). */
    public boolean modeDependent() {
        return train != eval;
    }
}
