package nnet.compiler.memory;

import nnet.compiler.ir.Dim;
import nnet.runtime.DType;

/** A temporary of the arena: its dtype, its size in elements, and the kernel steps it is live for. */
public record Buffer(DType dtype, Dim size, int first, int last) {
}
