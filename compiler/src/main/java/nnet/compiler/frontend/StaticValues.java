package nnet.compiler.frontend;

import java.util.List;
import java.util.stream.Collectors;
import nnet.compiler.ir.Dim;

/** Equality and text of compile-time values, for {@code ==}, {@code !=} and {@code str(...)}. */
final class StaticValues {
    private StaticValues() {
    }

    /**
     * Whether two values are equal at compile time: numbers by value (1 == 1.0), sizes as dims (a
     * static dim equals its int), lists and tuples item by item (so {@code shape(x) == [batch, 4]} and
     * {@code == (batch, 4)} agree), anything else when it is the same value.
     */
    static boolean equal(Value a, Value b) {
        if (Value.isNumber(a) && Value.isNumber(b)) {
            return Value.number(a) == Value.number(b);
        }
        Dim da = dim(a);
        Dim db = dim(b);
        if (da != null && db != null) {
            return da.equals(db);
        }
        List<Value> ia = Value.items(a);
        List<Value> ib = Value.items(b);
        if (ia != null && ib != null) {
            if (ia.size() != ib.size()) {
                return false;
            }
            for (int i = 0; i < ia.size(); i++) {
                if (!equal(ia.get(i), ib.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static Dim dim(Value v) {
        if (v instanceof Value.DimValue d) {
            return d.dim();
        }
        return v instanceof Value.Int i && i.value() >= 0 ? Dim.of(i.value()) : null;
    }

    /** What {@code str(v)} gives: a string itself, a tensor its type ("f32[batch, 4]"), a list "[batch, 4]". */
    static String text(Value v) {
        if (v instanceof Value.Str s) {
            return s.value();
        } else if (v instanceof Value.Tensor t) {
            return t.type();
        } else if (v instanceof Value.Int i) {
            return Long.toString(i.value());
        } else if (v instanceof Value.Float f) {
            return Double.toString(f.value());
        } else if (v instanceof Value.Bool b) {
            return Boolean.toString(b.value());
        } else if (v instanceof Value.DimValue d) {
            return d.dim().toString();
        } else if (v instanceof Value.ListValue l) {
            return l.items().stream().map(StaticValues::text).collect(Collectors.joining(", ", "[", "]"));
        } else if (v instanceof Value.Tuple t) {
            String end = t.items().size() == 1 ? ",)" : ")";
            return t.items().stream().map(StaticValues::text).collect(Collectors.joining(", ", "(", end));
        }
        return v.describe();
    }
}
