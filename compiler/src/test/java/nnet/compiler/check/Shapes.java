package nnet.compiler.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Shapes as the generators see them: a list of dims, each a number ("3") or the name of a run-time dim
 * ("batch"). Mirrors the language's shape rules closely enough to write well-typed models.
 */
public final class Shapes {
    private Shapes() {
    }

    public static List<String> of(int... dims) {
        List<String> s = new ArrayList<>();
        for (int d : dims) {
            s.add(String.valueOf(d));
        }
        return s;
    }

    /** A random static shape of the given rank, dims in [1, maxDim]. */
    public static List<String> random(Random rnd, int rank, int maxDim) {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            s.add(String.valueOf(1 + rnd.nextInt(maxDim)));
        }
        return s;
    }

    /** The shape as written in a source, e.g. "[batch, 3]". */
    public static String render(List<String> shape) {
        return "[" + String.join(", ", shape) + "]";
    }

    public static boolean isStatic(String dim) {
        return Character.isDigit(dim.charAt(0));
    }

    public static boolean isOne(String dim) {
        return dim.equals("1");
    }

    /** Sizes for bound run-time dims; a dim may be a product such as "batch * 4". */
    public static int[] eval(List<String> shape, Map<String, Integer> dims) {
        int[] out = new int[shape.size()];
        for (int i = 0; i < out.length; i++) {
            int size = 1;
            for (String factor : shape.get(i).split("\\*")) {
                String f = factor.trim();
                size *= isStatic(f) ? Integer.parseInt(f) : dims.get(f);
            }
            out[i] = size;
        }
        return out;
    }

    /** The product of the static dims (run-time dims count as 1). */
    public static int staticNumel(List<String> shape) {
        int n = 1;
        for (String d : shape) {
            if (isStatic(d)) {
                n *= Integer.parseInt(d);
            }
        }
        return n;
    }

    /** NumPy broadcasting of two shapes, or null if they do not broadcast. */
    public static List<String> broadcast(List<String> a, List<String> b) {
        int rank = Math.max(a.size(), b.size());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            int ia = i - (rank - a.size());
            int ib = i - (rank - b.size());
            String x = ia >= 0 ? a.get(ia) : "1";
            String y = ib >= 0 ? b.get(ib) : "1";
            if (x.equals(y) || isOne(y)) {
                out.add(x);
            } else if (isOne(x)) {
                out.add(y);
            } else {
                return null;
            }
        }
        return out;
    }

    /**
     * A shape that broadcasts to {@code target}: some leading dims dropped and some dims made 1 (each
     * with probability {@code p}).
     */
    public static List<String> broadcastable(Random rnd, List<String> target, double p) {
        int drop = rnd.nextDouble() < p ? rnd.nextInt(target.size() + 1) : 0;
        List<String> s = new ArrayList<>();
        for (int i = drop; i < target.size(); i++) {
            s.add(rnd.nextDouble() < p ? "1" : target.get(i));
        }
        return s;
    }

    /** The shape after reducing {@code axes} (non-negative), with or without keeping unit dims. */
    public static List<String> reduce(List<String> shape, List<Integer> axes, boolean keepdim) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < shape.size(); i++) {
            if (!axes.contains(i)) {
                out.add(shape.get(i));
            } else if (keepdim) {
                out.add("1");
            }
        }
        return out;
    }

    /** The shape of {@code matmul(a, b)} with torch's rules for vectors, or null if it is not defined. */
    public static List<String> matmul(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return null;
        }
        List<String> left = a.size() == 1 ? List.of("1", a.get(0)) : a;
        List<String> right = b.size() == 1 ? List.of(b.get(0), "1") : b;
        if (!left.get(left.size() - 1).equals(right.get(right.size() - 2))) {
            return null;
        }
        List<String> batch = broadcast(left.subList(0, left.size() - 2), right.subList(0, right.size() - 2));
        if (batch == null) {
            return null;
        }
        List<String> out = new ArrayList<>(batch);
        if (a.size() > 1) {
            out.add(left.get(left.size() - 2));
        }
        if (b.size() > 1) {
            out.add(right.get(right.size() - 1));
        }
        return out;
    }

    /** The shape with dims {@code i} and {@code j} swapped. */
    public static List<String> swap(List<String> shape, int i, int j) {
        List<String> out = new ArrayList<>(shape);
        out.set(i, shape.get(j));
        out.set(j, shape.get(i));
        return out;
    }

    public static List<String> permute(List<String> shape, List<Integer> perm) {
        List<String> out = new ArrayList<>();
        for (int p : perm) {
            out.add(shape.get(p));
        }
        return out;
    }

    /** A random permutation of 0..n-1. */
    public static List<Integer> permutation(Random rnd, int n) {
        List<Integer> p = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            p.add(i);
        }
        java.util.Collections.shuffle(p, rnd);
        return p;
    }

    /** A random static shape with {@code numel} elements and the given rank (factors of numel, in order). */
    public static List<String> factor(Random rnd, int numel, int rank) {
        List<String> out = new ArrayList<>();
        int rest = numel;
        for (int i = 0; i < rank - 1; i++) {
            List<Integer> divisors = new ArrayList<>();
            for (int d = 1; d <= rest; d++) {
                if (rest % d == 0) {
                    divisors.add(d);
                }
            }
            int d = divisors.get(rnd.nextInt(divisors.size()));
            out.add(String.valueOf(d));
            rest /= d;
        }
        if (rank > 0) {
            out.add(String.valueOf(rest));
        }
        return out;
    }

    /** A dim index as a source may write it: non-negative or counted from the end. */
    public static String axis(Random rnd, int axis, int rank) {
        return String.valueOf(rnd.nextBoolean() ? axis : axis - rank);
    }
}
