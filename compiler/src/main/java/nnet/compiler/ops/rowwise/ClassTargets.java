package nnet.compiler.ops.rowwise;

import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.runtime.DType;

/**
 * The operands of a loss over class indices, as PyTorch takes them: logits {@code [N, C, d...]} with
 * targets {@code i32[N, d...]}, or unbatched logits {@code [C]} with a scalar target. The class axis is
 * 1, or 0 when unbatched. Class weights, when given, are a vector of C entries of the logits' dtype.
 */
final class ClassTargets {
    private ClassTargets() {
    }

    static int classAxis(String op, TensorType logits, TensorType target) {
        int axis = scoresAxis(op, logits);
        if (target.dtype() != DType.I32) {
            throw new ShapeException("'" + op + "' needs class indices of type i32, got " + target);
        }
        if (!target.shape().equals(logits.shape().without(axis))) {
            throw new ShapeException("'" + op + "': class indices " + target + " do not match logits " + logits
                    + "; they need the shape " + logits.shape().without(axis));
        }
        return axis;
    }

    /** The class axis of floating-point scores {@code [N, C, d...]} or {@code [C]}. */
    static int scoresAxis(String op, TensorType logits) {
        if (!logits.dtype().isFloat() || logits.rank() < 1) {
            throw new ShapeException("'" + op + "' needs floating-point logits of shape [N, C, ...] or [C], got "
                    + logits);
        }
        return logits.rank() == 1 ? 0 : 1;
    }

    static void checkWeights(String op, TensorType logits, int axis, TensorType weight) {
        Shape classes = Shape.of(logits.shape().dim(axis));
        if (weight.dtype() != logits.dtype() || !weight.shape().equals(classes)) {
            throw new ShapeException("'" + op + "': class weights " + weight + " do not match logits " + logits
                    + "; they need one weight per class: " + new TensorType(logits.dtype(), classes));
        }
    }
}
