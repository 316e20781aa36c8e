package nnet.compiler.frontend;

import java.util.List;
import nnet.compiler.ir.Dim;
import nnet.runtime.model.Init;

/**
 * What an expression evaluates to while a model is built: a tensor (a graph node) or a value known at
 * compile time. Sizes, hyper-parameters and initialisers are compile-time values; everything a model
 * computes from its inputs is a tensor.
 */
sealed interface Value {

    /** A short description for diagnostics, e.g. "a tensor f32[batch, 10]" or "the int 3". */
    String describe();

    record Tensor(int node, String type) implements Value {
        public String describe() {
            return "a tensor " + type;
        }
    }

    record Int(long value) implements Value {
        public String describe() {
            return "the int " + value;
        }
    }

    record Float(double value) implements Value {
        public String describe() {
            return "the float " + value;
        }
    }

    record Bool(boolean value) implements Value {
        public String describe() {
            return "the bool " + value;
        }
    }

    /** A string known at compile time, such as a mode: {@code "mean"}. */
    record Str(String value) implements Value {
        public String describe() {
            return "the string " + quoted(value);
        }
    }

    /** A dim bound at run time, such as {@code batch}; usable in shapes. */
    record DimValue(Dim dim) implements Value {
        public String describe() {
            return "the run-time dim " + dim;
        }
    }

    record ListValue(List<Value> items) implements Value {
        public String describe() {
            return "a list of " + items.size();
        }
    }

    /** A dtype named in a source ({@code f32}, {@code f64}, {@code i32}), as {@code to(x, f64)} takes it. */
    record DTypeValue(nnet.runtime.DType dtype) implements Value {
        public String describe() {
            return "the dtype " + dtype.spelling();
        }
    }

    /**
     * Several values taken together: what {@code return h, c} gives and {@code h, c = ...} takes apart.
     * It can be bound to a name and passed on, but is never a tensor itself.
     */
    record Tuple(List<Value> items) implements Value {
        public String describe() {
            return "a tuple of " + items.size() + " values";
        }
    }

    record InitValue(Init init) implements Value {
        public String describe() {
            return "the initialiser " + init.describe();
        }
    }

    record OptimizerValue(String kind, java.util.Map<String, Double> hyper) implements Value {
        public String describe() {
            return "the optimizer " + kind;
        }
    }

    /** A learning-rate schedule of a training section, {@code schedule = cosine_annealing_lr()}. */
    record ScheduleValue(String kind, java.util.Map<String, Double> args) implements Value {
        public String describe() {
            return "the learning-rate schedule " + kind;
        }
    }

    /** The result of an expression that already produced an error; absorbs further errors. */
    record Error() implements Value {
        public String describe() {
            return "an erroneous value";
        }
    }

    static boolean isNumber(Value v) {
        return v instanceof Int || v instanceof Float;
    }

    static double number(Value v) {
        return v instanceof Int i ? i.value() : ((Float) v).value();
    }

    /** A string as it would be written in a source, in double quotes. */
    static String quoted(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + '"';
    }

    /** For a tuple where a single value is needed: how to take it apart; otherwise nothing. */
    static String unpackHint(Value v) {
        if (!(v instanceof Tuple t)) {
            return "";
        }
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < t.items().size(); i++) {
            names.add(String.valueOf((char) ('a' + Math.min(i, 25))));
        }
        return "; unpack it into names first: '" + String.join(", ", names) + " = ...'";
    }

    /** The items of a list or tuple, or null for any other value. */
    static List<Value> items(Value v) {
        return v instanceof ListValue l ? l.items() : v instanceof Tuple t ? t.items() : null;
    }
}
