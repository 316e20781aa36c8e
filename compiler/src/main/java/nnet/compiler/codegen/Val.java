package nnet.compiler.codegen;

import java.util.List;
import nnet.compiler.ir.BinaryFn;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.UnaryFn;

/**
 * A scalar value expression in generated code, in the dtype of the kernel that compiles it. Kernel
 * templates build these and hand them to {@link KernelWriter#store} or {@link KernelWriter#set}.
 */
public sealed interface Val {

    /** An element of an operand: {@code buffer[base + index]}. */
    record Load(Buf buffer, Ix index) implements Val {
    }

    record Local(Var var) implements Val {
    }

    record Const(double value) implements Val {
    }

    /** An int expression converted to the kernel's dtype. */
    record OfInt(Ix value) implements Val {
    }

    /** The uniform random number of element {@code index} of the stream whose key is in a long local. */
    record Random(int keySlot, Ix index) implements Val {
    }

    /** A scalar body applied to argument values. */
    record Apply(Scalar body, List<Val> args) implements Val {
    }

    static Val c(double v) {
        return new Const(v);
    }

    static Val apply(Scalar body, Val... args) {
        return new Apply(body, List.of(args));
    }

    private static Val binary(BinaryFn fn, Val a, Val b) {
        return apply(new Scalar.Binary(fn, Scalar.arg(0), Scalar.arg(1)), a, b);
    }

    private static Val unary(UnaryFn fn, Val a) {
        return apply(new Scalar.Unary(fn, Scalar.arg(0)), a);
    }

    default Val plus(Val o) {
        return binary(BinaryFn.ADD, this, o);
    }

    default Val minus(Val o) {
        return binary(BinaryFn.SUB, this, o);
    }

    default Val times(Val o) {
        return binary(BinaryFn.MUL, this, o);
    }

    default Val div(Val o) {
        return binary(BinaryFn.DIV, this, o);
    }

    default Val max(Val o) {
        return binary(BinaryFn.MAX, this, o);
    }

    default Val min(Val o) {
        return binary(BinaryFn.MIN, this, o);
    }

    default Val exp() {
        return unary(UnaryFn.EXP, this);
    }

    default Val log() {
        return unary(UnaryFn.LOG, this);
    }

    default Val sqrt() {
        return unary(UnaryFn.SQRT, this);
    }

    default Val pow(Val exponent) {
        return binary(BinaryFn.POW, this, exponent);
    }

    /** {@code (this cmp other) ? ifTrue : ifFalse}. */
    default Val select(nnet.compiler.ir.CompareFn cmp, Val other, Val ifTrue, Val ifFalse) {
        return apply(Scalar.select(cmp, Scalar.arg(0), Scalar.arg(1), Scalar.arg(2), Scalar.arg(3)),
                this, other, ifTrue, ifFalse);
    }

    default Val neg() {
        return unary(UnaryFn.NEG, this);
    }
}
