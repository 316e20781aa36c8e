package nnet.compiler.ops.reduce;

import java.util.List;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.KernelOp;
import nnet.compiler.ops.Rows;
import nnet.runtime.DType;

/**
 * {@code torch.argmax(x, dim, keepdim)} or {@code argmin}: the position of the first extreme along one
 * axis, as i32 (NaN counts as the extreme, as in PyTorch). Indices have no gradient; metrics use them.
 */
public record ArgExtreme(Extremum kind, int axis, boolean keepdim) implements KernelOp {
    public String name() {
        return "arg" + kind.spelling();
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        TensorType x = inputs.get(0);
        if (axis < 0 || axis >= x.rank()) {
            throw new ShapeException("dim " + axis + " is out of range for " + x);
        }
        if (x.shape().dim(axis).equals(Dim.of(0))) {
            throw new ShapeException("'" + name() + "' of an empty dim");
        }
        var shape = keepdim ? x.shape().with(axis, Dim.of(1)) : x.shape().without(axis);
        return new TensorType(DType.I32, shape);
    }

    @Override
    public boolean differentiable() {
        return false;
    }

    @Override
    public void emit(KernelWriter w) {
        Rows.forEach(w, w.in(0).type().shape(), axis, (base, stride, n, row) -> {
            Ix.Local arg = Rows.argExtreme(w, w.in(0), base, stride, n, kind.largest());
            w.store(w.out(), row, new Val.OfInt(arg));
        });
    }

    @Override
    public String attributes() {
        return "axis=" + axis + (keepdim ? ", keepdim" : "");
    }
}
