package nnet.compiler.ir;

import java.util.List;

/**
 * An op whose gradient rule reads values computed inside it (a loop's per-step activations). Before
 * differentiating, autodiff replaces it by {@link #forGradient}, which also delivers those values, as
 * extra results after its own; programs that take no gradient keep the op as it was and store nothing.
 */
public interface SavesForGradient extends MultiResultOp {

    /** This op, delivering besides its results what its gradient needs when operands {@code needs} take one. */
    SavesForGradient forGradient(List<TensorType> inputs, boolean[] needs);
}
