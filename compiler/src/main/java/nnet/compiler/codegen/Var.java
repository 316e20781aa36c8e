package nnet.compiler.codegen;

import nnet.runtime.DType;

/** A mutable scalar local variable of a generated method. */
public record Var(int slot, DType dtype) {

    public Val get() {
        return new Val.Local(this);
    }
}
