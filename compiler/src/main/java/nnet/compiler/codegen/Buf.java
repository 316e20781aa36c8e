package nnet.compiler.codegen;

import nnet.compiler.ir.TensorType;
import nnet.runtime.DType;

/**
 * An operand of a kernel as generated code sees it: the local holding its array, and its base offset.
 * Inline scalars have no array; loading them yields their value.
 */
public record Buf(Storage storage, TensorType type, int arrayLocal, Ix base) {

    public DType dtype() {
        return type.dtype();
    }

    /** The same memory seen with another type of the same element count (a reshape). */
    public Buf withType(TensorType t) {
        return new Buf(storage, t, arrayLocal, base);
    }

    public boolean isInline() {
        return storage instanceof Storage.Inline;
    }
}
