package nnet.compiler.ops;

import java.util.List;
import nnet.compiler.ir.Op;
import nnet.compiler.ir.TensorType;

/** An op without operands: inputs, parameters and constants. It carries its own type. */
public interface LeafOp extends Op {

    TensorType type();

    @Override
    default TensorType infer(List<TensorType> inputs) {
        return type();
    }
}
