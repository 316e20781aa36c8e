package nnet.compiler.ops;

import nnet.compiler.codegen.KernelWriter;
import java.util.List;
import nnet.compiler.ir.Op;
import nnet.compiler.ir.TensorType;

/** An op whose code template is written against the loop-level {@link KernelWriter} API. */
public interface KernelOp extends Op {

    void emit(KernelWriter w);

    /**
     * The operand whose buffer the output may overwrite when that operand dies here (-1: none). Legal
     * only when the kernel reads each element of that operand before writing the same element of the
     * output, and both have the same size.
     */
    default int inPlaceOperand() {
        return -1;
    }

    /**
     * Working memory the kernel needs, in elements of its (first) result's dtype, for these operand and
     * result types (0: none). The memory planner gives it a buffer of the arena live only while the
     * kernel runs, reached through {@link KernelWriter#scratch()}.
     */
    default long scratchElements(List<TensorType> inputs, List<TensorType> results) {
        return 0;
    }
}
