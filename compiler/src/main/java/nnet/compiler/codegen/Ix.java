package nnet.compiler.codegen;

/** An int expression in generated code: indices, sizes and offsets. */
public sealed interface Ix {

    record Const(int value) implements Ix {
    }

    /** An int local variable of the method being written. */
    record Local(int slot) implements Ix {
    }

    record Add(Ix a, Ix b) implements Ix {
    }

    record Mul(Ix a, Ix b) implements Ix {
    }

    record Sub(Ix a, Ix b) implements Ix {
    }

    static Ix c(int v) {
        return new Const(v);
    }

    static Ix c(long v) {
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new IllegalArgumentException("size " + v + " does not fit in a Java array index");
        }
        return new Const((int) v);
    }

    default Ix plus(Ix o) {
        if (this instanceof Const a && a.value() == 0) {
            return o;
        }
        if (o instanceof Const b && b.value() == 0) {
            return this;
        }
        if (this instanceof Const a && o instanceof Const b) {
            return new Const(a.value() + b.value());
        }
        return new Add(this, o);
    }

    default Ix plus(int o) {
        return plus(c(o));
    }

    default Ix minus(Ix o) {
        if (o instanceof Const b && b.value() == 0) {
            return this;
        }
        if (this instanceof Const a && o instanceof Const b) {
            return new Const(a.value() - b.value());
        }
        return new Sub(this, o);
    }

    default Ix times(Ix o) {
        if (this instanceof Const a && (a.value() == 1 || a.value() == 0)) {
            return a.value() == 1 ? o : this;
        }
        if (o instanceof Const b && (b.value() == 1 || b.value() == 0)) {
            return b.value() == 1 ? this : o;
        }
        if (this instanceof Const a && o instanceof Const b) {
            return new Const(Math.multiplyExact(a.value(), b.value()));
        }
        return new Mul(this, o);
    }

    default Ix times(int o) {
        return times(c(o));
    }

    default boolean isConst(int v) {
        return this instanceof Const k && k.value() == v;
    }
}
