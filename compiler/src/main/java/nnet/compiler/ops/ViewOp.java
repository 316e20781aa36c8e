package nnet.compiler.ops;

import nnet.compiler.ir.Op;

/** An op that computes nothing: its output is its single operand's storage seen with another shape. */
public interface ViewOp extends Op {
}
