package nnet.compiler.codegen;

import nnet.compiler.ir.Scalar;
import nnet.runtime.DType;

/** Where a graph value lives at run time, as the code generator reaches it. */
public sealed interface Storage {
    DType dtype();

    /** A slice of the flat parameter array of its dtype. */
    record Param(DType dtype, int offset) implements Storage {
    }

    /** A slice of the flat state-buffer array of its dtype. */
    record State(DType dtype, int offset) implements Storage {
    }

    /** A slice of the flat gradient array of its dtype. */
    record Grad(DType dtype, int offset) implements Storage {
    }

    /** An input or output array handed over by the caller, {@code io[slot]}. */
    record Io(DType dtype, int slot) implements Storage {
    }

    /** A buffer of the arena of its dtype, at {@code offsets[program][buffer]}. */
    record Arena(DType dtype, int program, int buffer) implements Storage {
    }

    /** Where each result of a node with several results goes, in order. */
    record Tuple(java.util.List<Storage> results) implements Storage {
        public Tuple {
            results = java.util.List.copyOf(results);
        }

        public DType dtype() {
            return results.get(0).dtype();
        }
    }

    /**
     * In a loop body: the current step's slice of a value stacked over the steps, {@code elements}
     * elements long, at {@code whole}'s offset plus step·elements.
     */
    record Slice(Storage whole, nnet.compiler.ir.Dim elements) implements Storage {
        public DType dtype() {
            return whole.dtype();
        }
    }

    /**
     * In a loop body: a carried value, double-buffered. Each step reads one buffer and writes the next
     * value into the other; the buffers alternate so that after the last of the loop's {@code steps}
     * steps the value is in {@code last} (the loop's result), which fixes where the first step reads.
     * {@code next} selects the buffer a step writes rather than the one it reads.
     */
    record Carry(Storage last, Storage other, nnet.compiler.ir.Dim steps, boolean next) implements Storage {
        public DType dtype() {
            return last.dtype();
        }

        public Carry written() {
            return new Carry(last, other, steps, true);
        }
    }

    /** A scalar known in the code: a constant or a run-time dim; it has no memory. */
    record Inline(DType dtype, Scalar value) implements Storage {
    }
}
