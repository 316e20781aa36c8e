package nnet.compiler.frontend;

import java.util.List;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.Build;
import nnet.compiler.source.Span;

/**
 * {@code a @ b} and {@code matmul(a, b)} with torch.matmul's treatment of vectors: a 1-D left operand
 * is a row [1, K] and a 1-D right operand a column [K, 1], and those unit dims are dropped again.
 */
final class MatMulCall {
    private MatMulCall() {
    }

    static Value apply(ModelBuilder m, Span span, int a, int b) {
        Build build = m.build;
        TensorType ta = m.graph.type(a);
        TensorType tb = m.graph.type(b);
        if (ta.rank() == 0 || tb.rank() == 0) {
            m.diagnostics.error(span, "'matmul' needs tensors of rank 1 or more, got " + ta + " and " + tb
                    + "; use * to scale by a scalar");
            return new Value.Error();
        }
        return m.guarded(span, () -> {
            int left = ta.rank() == 1 ? build.reshape(a, new Shape(List.of(Dim.of(1), ta.shape().dim(0)))) : a;
            int right = tb.rank() == 1 ? build.reshape(b, new Shape(List.of(tb.shape().dim(0), Dim.of(1)))) : b;
            int product = build.matmul(left, right, false, false);
            Shape s = m.graph.type(product).shape();
            if (tb.rank() == 1) {
                s = s.without(s.rank() - 1);
            }
            if (ta.rank() == 1) {
                s = s.without(s.rank() - (tb.rank() == 1 ? 1 : 2));
            }
            return build.reshape(product, s);
        });
    }
}
