package nnet.compiler.frontend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import nnet.compiler.ast.Expr;
import nnet.compiler.source.Diagnostics;
import nnet.compiler.source.Span;

/** The parameters of a callable: names, kinds and defaults, and how call arguments bind to them. */
record Signature(List<Param> params) {

    enum Kind {
        /** A tensor, or a number that becomes a constant tensor. */
        TENSOR,
        INT,
        FLOAT,
        BOOL,
        /** A string; with choices, one of them. */
        STR,
        /** A list or tuple of ints (a single int counts as a list of one). */
        INTS,
        /** A shape: a list or tuple of ints and run-time dims, where one entry may be -1. */
        SHAPE,
        /** Anything, checked by the callee. */
        ANY
    }

    /**
     * A parameter; {@code fallback} is its default, null when required, {@link #NONE} when optional.
     * {@code choices} are strings it also takes besides values of its kind, or, for {@link Kind#STR},
     * the only strings it takes (none: any string).
     */
    record Param(String name, Kind kind, Value fallback, List<String> choices) {
        Param(String name, Kind kind, Value fallback) {
            this(name, kind, fallback, List.of());
        }

        /** This parameter, taking the strings {@code allowed} too: {@code optional("padding", INTS, f).or("same")}. */
        Param or(String... allowed) {
            return new Param(name, kind, fallback, List.of(allowed));
        }
    }

    /** The default of an optional parameter that has no value unless given (PyTorch's None). */
    static final Value NONE = new Value.Error();

    static Signature of(Param... params) {
        return new Signature(List.of(params));
    }

    static Param required(String name, Kind kind) {
        return new Param(name, kind, null);
    }

    static Param optional(String name, Kind kind, Value fallback) {
        return new Param(name, kind, fallback);
    }

    /** A string parameter that must be one of {@code choices}; the first is its default. */
    static Param oneOf(String name, String... choices) {
        return new Param(name, Kind.STR, new Value.Str(choices[0]), List.of(choices));
    }

    /** A bound argument, with the span of the expression it came from (the call's, for defaults). */
    record Bound(Value value, Span span) {
    }

    /**
     * Binds evaluated arguments to parameters: positional first, then by name, then defaults. Returns
     * null after reporting an error.
     */
    List<Bound> bind(String callee, List<Expr.Arg> args, List<Value> values, Span callSpan, Diagnostics d) {
        Bound[] bound = new Bound[params.size()];
        boolean named = false;
        for (int i = 0; i < args.size(); i++) {
            Expr.Arg a = args.get(i);
            int slot;
            if (a.name() == null) {
                if (named) {
                    d.error(a.span(), "positional argument after a named one in call of '" + callee + "'");
                    return null;
                }
                slot = i;
                if (slot >= params.size()) {
                    d.error(a.span(), "'" + callee + "' takes " + params.size() + " argument"
                            + (params.size() == 1 ? "" : "s") + " (" + names() + "), got " + args.size());
                    return null;
                }
            } else {
                named = true;
                slot = indexOf(a.name());
                if (slot < 0) {
                    d.error(a.span(), "'" + callee + "' has no parameter '" + a.name() + "'; its parameters are "
                            + names());
                    return null;
                }
                if (bound[slot] != null) {
                    d.error(a.span(), "parameter '" + a.name() + "' of '" + callee + "' is given twice");
                    return null;
                }
            }
            bound[slot] = new Bound(values.get(i), a.value().span());
        }
        for (int i = 0; i < params.size(); i++) {
            if (bound[i] == null) {
                if (params.get(i).fallback() == null) {
                    d.error(callSpan, "'" + callee + "' needs argument '" + params.get(i).name() + "'");
                    return null;
                }
                bound[i] = new Bound(params.get(i).fallback(), callSpan);
            }
        }
        List<Bound> out = new ArrayList<>(Arrays.asList(bound));
        for (int i = 0; i < out.size(); i++) {
            Bound b = out.get(i);
            if (b.value() == NONE || b.value() instanceof Value.Error) {
                continue;
            }
            Value converted = convert(params.get(i), b.value());
            if (converted == null) {
                d.error(b.span(), "argument '" + params.get(i).name() + "' of '" + callee + "' must be "
                        + mismatch(params.get(i), b.value()));
                return null;
            }
            out.set(i, new Bound(converted, b.span()));
        }
        return out;
    }

    private int indexOf(String name) {
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private String names() {
        return params.isEmpty() ? "none" : params.stream().map(Param::name).collect(Collectors.joining(", "));
    }

    /** The value a parameter takes for {@code v}, or null if it does not take it. */
    static Value convert(Param p, Value v) {
        if (v instanceof Value.Str str && !p.choices().isEmpty()) {
            return p.choices().contains(str.value()) ? v : null;
        }
        return convert(p.kind(), v);
    }

    /** What a parameter takes and what it got: {@code one of "mean", "sum", got ...; did you mean "mean"?}. */
    static String mismatch(Param p, Value got) {
        String hint = Value.unpackHint(got);
        if (got instanceof Value.Str str && !p.choices().isEmpty()) {
            String closest = Suggest.closest(str.value(), p.choices());
            hint = closest == null ? "" : "; did you mean " + Value.quoted(closest) + "?";
        }
        return describe(p) + ", got " + describeBad(p.kind(), got) + hint;
    }

    private static String describe(Param p) {
        if (p.choices().isEmpty()) {
            return describe(p.kind());
        }
        String strings = "one of " + p.choices().stream().map(Value::quoted).collect(Collectors.joining(", "));
        return p.kind() == Kind.STR ? strings : strings + " or " + describe(p.kind());
    }

    static Value convert(Kind kind, Value v) {
        return switch (kind) {
            case TENSOR -> v instanceof Value.Tensor || Value.isNumber(v) ? v : null;
            case INT -> v instanceof Value.Int ? v : null;
            case FLOAT -> Value.isNumber(v) ? new Value.Float(Value.number(v)) : null;
            case BOOL -> v instanceof Value.Bool ? v : null;
            case STR -> v instanceof Value.Str ? v : null;
            case INTS -> ints(v);
            case SHAPE -> shape(v);
            case ANY -> v;
        };
    }

    private static Value ints(Value v) {
        if (v instanceof Value.Int) {
            return new Value.ListValue(List.of(v));
        }
        List<Value> items = Value.items(v);
        if (items != null && items.stream().allMatch(Value.Int.class::isInstance)) {
            return new Value.ListValue(items);
        }
        return null;
    }

    private static Value shape(Value v) {
        List<Value> items = Value.items(v);
        if (items != null && items.stream().allMatch(x -> x instanceof Value.Int || x instanceof Value.DimValue)) {
            return new Value.ListValue(items);
        }
        return null;
    }

    /** The value, or for a shape the first entry that is not a size. */
    private static String describeBad(Kind kind, Value v) {
        if (kind == Kind.SHAPE && v instanceof Value.ListValue l) {
            for (int k = 0; k < l.items().size(); k++) {
                Value item = l.items().get(k);
                if (!(item instanceof Value.Int || item instanceof Value.DimValue)) {
                    return item.describe() + " as size " + k
                            + (item instanceof Value.Tensor ? " (arithmetic on run-time dims other than products"
                            + " is computed at run time)" : "");
                }
            }
        }
        return v.describe();
    }

    static String describe(Kind kind) {
        return switch (kind) {
            case TENSOR -> "a tensor or a number";
            case INT -> "an int";
            case FLOAT -> "a number";
            case BOOL -> "true or false";
            case STR -> "a string";
            case INTS -> "an int or a list of ints";
            case SHAPE -> "a shape: a list of ints and dims";
            case ANY -> "a value";
        };
    }
}
