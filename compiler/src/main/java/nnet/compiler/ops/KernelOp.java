package nnet.compiler.ops;

import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.ir.Op;

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
}
