package nnet.compiler.ir;

import java.util.List;

/**
 * An op with several results (a loss and the log-sum-exp its gradient reuses, batch statistics, values
 * and their argmax...). Its node holds all result types; each user reads one result through a
 * {@link Project} node, and its gradient rule receives one gradient per result
 * ({@link Gradient#outputGrad(int)}, null where none flows).
 */
public interface MultiResultOp extends Op {

    /** The shape and dtype rule: the type of every result, or a {@link ShapeException}. */
    List<TensorType> inferResults(List<TensorType> inputs);

    @Override
    default TensorType infer(List<TensorType> inputs) {
        throw new UnsupportedOperationException("'" + name() + "' has several results; use inferResults");
    }
}
