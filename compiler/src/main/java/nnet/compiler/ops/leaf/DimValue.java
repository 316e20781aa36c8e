package nnet.compiler.ops.leaf;

import java.util.List;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.LeafOp;
import nnet.runtime.DType;

/** The value of a dim as a scalar, e.g. the batch size that a mean divides by; read at run time. */
public record DimValue(Dim dim, DType dtype) implements LeafOp {
    public String name() {
        return "size";
    }

    public TensorType type() {
        return TensorType.scalar(dtype);
    }

    @Override
    public String attributes() {
        return dim.toString();
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        return List.of();
    }
}
