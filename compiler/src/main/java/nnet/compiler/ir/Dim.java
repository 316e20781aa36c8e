package nnet.compiler.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The size of one tensor dimension: a positive factor times a product of named run-time dims
 * ({@code 64}, {@code batch}, {@code batch*64}). Products are enough for reshapes that flatten or
 * split dims bound at run time, and keep equality decidable.
 */
public record Dim(long factor, List<String> symbols) {
    public Dim {
        if (factor == 0) {
            symbols = List.of();
        }
        List<String> sorted = new ArrayList<>(symbols);
        Collections.sort(sorted);
        symbols = List.copyOf(sorted);
    }

    public static Dim of(long n) {
        return new Dim(n, List.of());
    }

    public static Dim symbol(String name) {
        return new Dim(1, List.of(name));
    }

    public boolean isStatic() {
        return symbols.isEmpty();
    }

    /** The size of a static dim; fails for one bound at run time. */
    public long value() {
        if (!isStatic()) {
            throw new IllegalStateException("dim " + this + " is bound at run time");
        }
        return factor;
    }

    public Dim times(Dim other) {
        List<String> all = new ArrayList<>(symbols);
        all.addAll(other.symbols);
        return new Dim(factor * other.factor, all);
    }

    /** This divided by {@code other}, or null if it does not divide exactly. */
    public Dim dividedBy(Dim other) {
        if (other.factor == 0 || factor % other.factor != 0) {
            return null;
        }
        List<String> rest = new ArrayList<>(symbols);
        for (String s : other.symbols) {
            if (!rest.remove(s)) {
                return null;
            }
        }
        return new Dim(factor / other.factor, rest);
    }

    public long eval(Map<String, ? extends Number> bindings) {
        long n = factor;
        for (String s : symbols) {
            Number v = bindings.get(s);
            if (v == null) {
                throw new IllegalArgumentException("dim '" + s + "' is not bound");
            }
            n *= v.longValue();
        }
        return n;
    }

    @Override
    public String toString() {
        if (symbols.isEmpty()) {
            return Long.toString(factor);
        }
        String product = String.join("*", symbols);
        return factor == 1 ? product : product + "*" + factor;
    }
}
