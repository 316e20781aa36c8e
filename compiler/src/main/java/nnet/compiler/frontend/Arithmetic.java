package nnet.compiler.frontend;

import nnet.compiler.ir.CompareFn;
import nnet.compiler.ir.Dim;
import nnet.compiler.source.Diagnostics;
import nnet.compiler.source.Span;

/** Compile-time arithmetic on numbers and run-time dims, with Python's rules (int / int is a float). */
final class Arithmetic {
    private Arithmetic() {
    }

    static Value numbers(String op, Value l, Value r, Span span, Diagnostics d) {
        boolean ints = l instanceof Value.Int && r instanceof Value.Int;
        double a = Value.number(l);
        double b = Value.number(r);
        switch (op) {
            case "+", "-", "*" -> {
                if (ints) {
                    long x = ((Value.Int) l).value();
                    long y = ((Value.Int) r).value();
                    try {
                        return new Value.Int(op.equals("+") ? Math.addExact(x, y)
                                : op.equals("-") ? Math.subtractExact(x, y) : Math.multiplyExact(x, y));
                    } catch (ArithmeticException overflow) {
                        d.error(span, "integer overflow in " + x + " " + op + " " + y);
                        return new Value.Error();
                    }
                }
                return new Value.Float(op.equals("+") ? a + b : op.equals("-") ? a - b : a * b);
            }
            case "%" -> {
                if (b == 0) {
                    d.error(span, "modulo by zero");
                    return new Value.Error();
                }
                return ints ? new Value.Int(Math.floorMod(((Value.Int) l).value(), ((Value.Int) r).value()))
                        : new Value.Float(a - Math.floor(a / b) * b);
            }
            case "/" -> {
                if (b == 0) {
                    d.error(span, "division by zero");
                    return new Value.Error();
                }
                return new Value.Float(a / b);
            }
            case "**" -> {
                if (ints && ((Value.Int) r).value() >= 0) {
                    double p = Math.pow(a, b);
                    if (Math.abs(p) < 9.0e18) {
                        return new Value.Int((long) p);
                    }
                }
                return new Value.Float(Math.pow(a, b));
            }
            case "@" -> {
                d.error(span, "'@' needs tensors, got " + l.describe() + " and " + r.describe());
                return new Value.Error();
            }
            default -> {
                return new Value.Bool(CompareFn.fromSpelling(op).test(a, b));
            }
        }
    }

    /**
     * Products of run-time dims with ints or dims, as needed in shapes like {@code [batch * 8, 8]}, and
     * their comparisons; null for other arithmetic, whose value is then computed at run time.
     */
    static Value dims(String op, Value l, Value r) {
        Dim a = dim(l);
        Dim b = dim(r);
        if (a != null && b != null && op.equals("*")) {
            return new Value.DimValue(a.times(b));
        }
        return null;
    }

    private static Dim dim(Value v) {
        if (v instanceof Value.DimValue dv) {
            return dv.dim();
        }
        if (v instanceof Value.Int i && i.value() > 0) {
            return Dim.of(i.value());
        }
        return null;
    }
}
