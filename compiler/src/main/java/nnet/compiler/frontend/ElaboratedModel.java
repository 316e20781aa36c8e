package nnet.compiler.frontend;

import java.util.List;
import nnet.compiler.ir.Graph;
import nnet.compiler.source.Span;
import nnet.runtime.DType;

/**
 * A model as the front end hands it on: its checked forward graph (inputs, parameters, outputs, loss
 * and metrics as roots), the dtype its parameters default to, and its run-time dims in order of
 * first appearance.
 */
public record ElaboratedModel(String name, Graph graph, DType floatType, List<String> dims, Span span) {
}
