package nnet.compiler.ops.reduce;

import nnet.compiler.codegen.Val;

/** Which extreme a reduction takes: what max and min, argmax and argmin, amax and amin differ in. */
public enum Extremum {
    MAX, MIN;

    /** "max" or "min". */
    public String spelling() {
        return this == MAX ? "max" : "min";
    }

    boolean largest() {
        return this == MAX;
    }

    /** The extreme of two values, NaN if either is NaN. */
    Val of(Val a, Val b) {
        return this == MAX ? a.max(b) : a.min(b);
    }

    /** The value no element can exceed: the start of a running extreme. */
    double identity() {
        return this == MAX ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
}
