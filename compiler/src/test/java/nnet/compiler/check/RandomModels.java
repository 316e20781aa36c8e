package nnet.compiler.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Random small well-typed f64 models: a few inputs and parameters, then a chain of 3 to 9 statements
 * drawn from the elementwise ops (with broadcasting), reductions, row-wise ops, matrix products, shape
 * ops and the rest of the layer catalogue (activations, statistics, normalisation, scans, slices, joins), each reading recent values more often than old ones, so that values fan out to several
 * users. Sometimes a run-time dim {@code batch} leads some shapes. The loss weights the values nobody
 * reads with random inputs, sometimes plus a cross-entropy; sometimes a value is also an output or a
 * metric. Magnitudes are tracked roughly and squashed with tanh when they grow, and ops with a
 * restricted domain get operands that cannot leave it ({@code log(a * a + 0.5)}).
 */
public final class RandomModels {
    private static final int MAX_ELEMENTS = 48;
    private static final double MAX_BOUND = 6;

    /** A value of the model: its name, its shape and a rough bound of its magnitude. */
    private record Val(String name, List<String> shape, double bound) {
    }

    /** A candidate statement: its expression, shape and bound. */
    private record Expr(String text, List<String> shape, double bound) {
    }

    private final Random rnd;
    private final CaseBuilder b;
    private final List<Val> pool = new ArrayList<>();
    private final List<Val> computed = new ArrayList<>();
    private final List<Val> leafValues = new ArrayList<>();
    private final List<Integer> uses = new ArrayList<>();
    private final int batch;
    private int leaves;

    private RandomModels(Random rnd) {
        this.rnd = rnd;
        this.b = new CaseBuilder("random model", rnd);
        this.batch = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(4) : 0;
        if (batch > 0) {
            b.dim("batch", batch);
        }
    }

    public static ModelCase generate(Random rnd) {
        return new RandomModels(rnd).build();
    }

    private ModelCase build() {
        int inputs = 1 + rnd.nextInt(3);
        for (int i = 0; i < inputs; i++) {
            leaf(randomShape(), i > 0 && rnd.nextInt(3) == 0);
        }
        int statements = 3 + rnd.nextInt(7);
        for (int attempts = 0; computed.size() < statements && attempts < 100; attempts++) {
            Expr e = step();
            if (e != null && numel(e.shape()) <= MAX_ELEMENTS) {
                add(e);
            }
        }
        if (computed.isEmpty()) {
            Val a = pool.get(0);
            add(new Expr("tanh(" + a.name() + ")", a.shape(), 1));
        }
        return finish();
    }

    // ------------------------------------------------------------------ values

    private List<String> randomShape() {
        int rank = rnd.nextInt(4);
        List<String> s = Shapes.random(rnd, rank, 4);
        if (batch > 0 && rank > 0 && rnd.nextBoolean()) {
            s.set(0, "batch");
        }
        return numel(s) <= MAX_ELEMENTS ? s : Shapes.random(rnd, 2, 3);
    }

    private int numel(List<String> shape) {
        int n = 1;
        for (String d : shape) {
            n *= Shapes.isStatic(d) ? Integer.parseInt(d) : batch;
        }
        return n;
    }

    private static boolean isStatic(List<String> shape) {
        return shape.stream().allMatch(Shapes::isStatic);
    }

    /** A new input (or parameter, whose shape must be static) of the given shape. */
    private Val leaf(List<String> shape, boolean param) {
        String name;
        double bound;
        if (param && isStatic(shape)) {
            name = b.param("w" + leaves++, shape, Values.uniform(-1.5, 1.5));
            bound = 1.5;
        } else {
            name = b.input("x" + leaves++, shape, Values.uniform(-1.5, 1.5));
            bound = 1.5;
        }
        Val v = new Val(name, shape, bound);
        pool.add(v);
        leafValues.add(v);
        uses.add(0);
        return v;
    }

    private void add(Expr e) {
        String name = "v" + computed.size();
        double bound = e.bound();
        String text = e.text();
        if (bound > MAX_BOUND) {
            text = "tanh((" + text + ") / " + String.format(Locale.ROOT, "%.3g", bound) + ")";
            bound = 1;
        }
        b.let(name, text);
        for (Val v : pool) {
            if (text.matches(".*\\b" + java.util.regex.Pattern.quote(v.name()) + "\\b.*")) {
                uses.set(pool.indexOf(v), uses.get(pool.indexOf(v)) + 1);
            }
        }
        Val v = new Val(name, e.shape(), bound);
        pool.add(v);
        uses.add(0);
        computed.add(v);
    }

    /** An operand: recent values are more likely. */
    private Val pick() {
        int back = rnd.nextInt(rnd.nextInt(pool.size()) + 1);
        return pool.get(pool.size() - 1 - back);
    }

    private static String f(double x) {
        return String.format(Locale.ROOT, "%.3g", x);
    }

    // ------------------------------------------------------------------ statements

    private Expr step() {
        Val a = pick();
        return switch (rnd.nextInt(14)) {
            case 0, 1, 2 -> unary(a);
            case 3, 4, 5 -> binary(a);
            case 6 -> reduce(a);
            case 7 -> rowwise(a);
            case 8, 9 -> matmul(a);
            case 10, 11 -> catalogue(a);
            default -> shape(a);
        };
    }

    /** Ops of the layer catalogue: activations, math, statistics, normalisation, scans, slices, joins. */
    private Expr catalogue(Val a) {
        String x = a.name();
        double bd = a.bound();
        List<String> s = a.shape();
        int r = s.size();
        int d = r == 0 ? 0 : rnd.nextInt(r);
        String axis = r == 0 ? "0" : Shapes.axis(rnd, d, r);
        return switch (rnd.nextInt(14)) {
            case 0 -> new Expr("elu(" + x + ")", s, bd);
            case 1 -> new Expr("softplus(" + x + ")", s, bd + 1);
            case 2 -> new Expr("mish(" + x + ")", s, bd);
            case 3 -> new Expr("sin(" + x + ") * cos(" + x + ")", s, 1);
            case 4 -> new Expr("log1p(" + x + " * " + x + ") + rsqrt(" + x + " * " + x + " + 1)", s,
                    Math.log1p(bd * bd) + 1);
            case 5 -> r == 0 ? null : new Expr("logsumexp(" + x + ", " + axis + ")", Shapes.reduce(s, List.of(d), false),
                    bd + Math.log(numel(s)) + 1);
            case 6 -> r == 0 || size(s, d) < 2 ? null : new Expr("var(" + x + ", " + axis + ", keepdim = true)",
                    Shapes.reduce(s, List.of(d), true), bd * bd * 2);
            case 7 -> r == 0 || !Shapes.isStatic(s.get(r - 1)) || size(s, r - 1) < 2 ? null
                    : new Expr("layer_norm(" + x + ", [" + s.get(r - 1) + "], eps = 0.1)", s, 4);
            case 8 -> r == 0 ? null : new Expr("cumsum(" + x + ", " + axis + ")", s, bd * size(s, d));
            case 9 -> r == 0 ? null : new Expr("amax(" + x + ", " + axis + ")", Shapes.reduce(s, List.of(d), false), bd);
            case 10 -> r == 0 || !Shapes.isStatic(s.get(r - 1)) ? null : slice(a);
            case 11 -> r == 0 ? null : new Expr("flip(" + x + ", [" + axis + "])", s, bd);
            case 12 -> r == 0 || !Shapes.isStatic(s.get(d)) ? null
                    : new Expr("cat([" + x + ", tanh(" + x + ")], " + axis + ")", doubled(s, d), Math.max(bd, 1));
            default -> new Expr("clamp(" + x + ", -1, 1) + hardtanh(" + x + " * 0.5)", s, 2);
        };
    }

    private int size(List<String> shape, int d) {
        return Shapes.isStatic(shape.get(d)) ? Integer.parseInt(shape.get(d)) : batch;
    }

    /** The last dim sliced from 1 on, or every other element from 0. */
    private Expr slice(Val a) {
        List<String> s = new ArrayList<>(a.shape());
        int n = Integer.parseInt(s.get(s.size() - 1));
        boolean stepped = rnd.nextBoolean();
        int kept = stepped ? (n + 1) / 2 : n - 1;
        if (kept < 1) {
            return null;
        }
        s.set(s.size() - 1, String.valueOf(kept));
        return new Expr(a.name() + (stepped ? "[..., ::2]" : "[..., 1:]"), s, a.bound());
    }

    private static List<String> doubled(List<String> shape, int d) {
        List<String> s = new ArrayList<>(shape);
        s.set(d, String.valueOf(2 * Integer.parseInt(s.get(d))));
        return s;
    }

    private Expr unary(Val a) {
        String x = a.name();
        double bd = a.bound();
        List<String> s = a.shape();
        return switch (rnd.nextInt(16)) {
            case 0 -> new Expr("relu(" + x + ")", s, bd);
            case 1 -> new Expr("sigmoid(" + x + ")", s, 1);
            case 2 -> new Expr("tanh(" + x + ")", s, 1);
            case 3 -> bd <= 2.5 ? new Expr("exp(" + x + ")", s, Math.exp(bd)) : new Expr("exp(-" + x + " * " + x + ")", s, 1);
            case 4 -> new Expr("log(" + x + " * " + x + " + 0.5)", s, Math.max(0.7, Math.log(bd * bd + 0.5)));
            case 5 -> new Expr("sqrt(" + x + " * " + x + " + 0.25)", s, bd + 0.5);
            case 6 -> new Expr("abs(" + x + ")", s, bd);
            case 7 -> new Expr(rnd.nextBoolean() ? "-" + x : "neg(" + x + ")", s, bd);
            case 8 -> new Expr("gelu(" + x + ")", s, bd);
            case 9 -> new Expr("silu(" + x + ")", s, bd);
            case 10 -> new Expr("leaky_relu(" + x + ", 0.1)", s, bd);
            case 11 -> new Expr("erf(" + x + ")", s, 1);
            case 12 -> new Expr(x + " ** 2", s, bd * bd);
            case 13 -> new Expr(x + " ** 3", s, bd * bd * bd);
            case 14 -> new Expr(x + " / (" + x + " * " + x + " + 1)", s, 0.5);
            default -> new Expr("pow(" + x + " * " + x + " + 0.5, 0.75)", s, Math.pow(bd * bd + 0.5, 0.75));
        };
    }

    /** A second operand that broadcasts with {@code a}: an existing value, or a new leaf. */
    private Val partner(Val a) {
        for (int tries = 0; tries < 4; tries++) {
            Val c = pick();
            List<String> s = Shapes.broadcast(a.shape(), c.shape());
            if (s != null && numel(s) <= MAX_ELEMENTS && (c != a || rnd.nextInt(3) == 0)) {
                return c;
            }
        }
        return leaf(Shapes.broadcastable(rnd, a.shape(), 0.4), rnd.nextInt(3) == 0);
    }

    private Expr binary(Val a) {
        Val c = partner(a);
        if (rnd.nextBoolean()) {
            Val t = a;
            a = c;
            c = t;
        }
        String x = a.name();
        String y = c.name();
        double p = a.bound();
        double q = c.bound();
        List<String> s = Shapes.broadcast(a.shape(), c.shape());
        return switch (rnd.nextInt(12)) {
            case 0 -> new Expr(x + " + " + y, s, p + q);
            case 1 -> new Expr("add(" + x + ", " + y + ")", s, p + q);
            case 2 -> new Expr(x + " - " + y, s, p + q);
            case 3 -> new Expr(x + " * " + y, s, p * q);
            case 4 -> new Expr("mul(" + x + ", " + y + ")", s, p * q);
            case 5 -> new Expr(x + " / (" + y + " * " + y + " + 0.5)", s, 2 * p);
            case 6 -> new Expr("maximum(" + x + ", " + y + ")", s, Math.max(p, q));
            case 7 -> new Expr("minimum(" + x + ", " + y + ")", s, Math.max(p, q));
            case 8 -> new Expr("where(" + x + " > " + y + ", " + x + ", " + y + " * 0.5)", s, Math.max(p, q));
            case 9 -> new Expr("pow(" + x + " * " + x + " + 0.5, tanh(" + y + "))", s, Math.max(2, p * p + 0.5));
            // mse_loss refuses operands that would broadcast; the same mean is spelt out for those.
            case 10 -> new Expr(a.shape().equals(c.shape()) ? "mse_loss(" + x + ", " + y + ")"
                    : "mean((" + x + " - " + y + ") ** 2)", List.of(), (p + q) * (p + q));
            default -> new Expr("sub(" + x + ", " + y + ") * " + x, s, (p + q) * p);
        };
    }

    private Expr reduce(Val a) {
        List<String> s = a.shape();
        String x = a.name();
        if (s.isEmpty() || rnd.nextInt(5) == 0) {
            return switch (rnd.nextInt(3)) {
                case 0 -> new Expr("sum(" + x + ")", List.of(), a.bound() * numel(s));
                case 1 -> new Expr("mean(" + x + ")", List.of(), a.bound());
                default -> new Expr("max(" + x + ")", List.of(), a.bound());
            };
        }
        int r = s.size();
        boolean keep = rnd.nextBoolean();
        if (rnd.nextInt(3) == 0) {
            int d = rnd.nextInt(r);
            return new Expr("max(" + x + ", " + Shapes.axis(rnd, d, r) + ", " + keep + ")",
                    Shapes.reduce(s, List.of(d), keep), a.bound());
        }
        List<Integer> axes = new ArrayList<>(Shapes.permutation(rnd, r).subList(0, 1 + rnd.nextInt(r)));
        List<String> written = new ArrayList<>();
        int count = 1;
        for (int d : axes) {
            written.add(Shapes.axis(rnd, d, r));
            count *= Shapes.isStatic(s.get(d)) ? Integer.parseInt(s.get(d)) : batch;
        }
        boolean mean = rnd.nextBoolean();
        String call = (mean ? "mean(" : "sum(") + x + ", [" + String.join(", ", written) + "], keepdim = " + keep + ")";
        return new Expr(call, Shapes.reduce(s, axes, keep), mean ? a.bound() : a.bound() * count);
    }

    private Expr rowwise(Val a) {
        List<String> s = a.shape();
        if (s.isEmpty()) {
            return null;
        }
        int d = rnd.nextInt(s.size());
        String axis = Shapes.axis(rnd, d, s.size());
        if (rnd.nextBoolean()) {
            return new Expr("softmax(" + a.name() + ", " + axis + ")", s, 1);
        }
        return new Expr("log_softmax(" + a.name() + ", dim = " + axis + ")", s, 2 * a.bound() + Math.log(numel(s)) + 1);
    }

    private Expr matmul(Val a) {
        List<String> s = a.shape();
        if (s.isEmpty()) {
            return null;
        }
        String x = a.name();
        String k = s.get(s.size() - 1);
        int kn = Shapes.isStatic(k) ? Integer.parseInt(k) : batch;
        int r = s.size();
        switch (rnd.nextInt(4)) {
            case 0 -> {
                if (r < 2) {
                    return null;
                }
                // A product of a value with its own transpose: the value has two users in one node.
                if (rnd.nextBoolean()) {
                    return new Expr(x + " @ transpose(" + x + ", -1, -2)", Shapes.matmul(s, Shapes.swap(s, r - 1, r - 2)),
                            kn * a.bound() * a.bound());
                }
                String m = s.get(r - 2);
                int mn = Shapes.isStatic(m) ? Integer.parseInt(m) : batch;
                return new Expr("transpose(" + x + ", " + Shapes.axis(rnd, r - 2, r) + ", " + Shapes.axis(rnd, r - 1, r)
                        + ") @ " + x, Shapes.matmul(Shapes.swap(s, r - 1, r - 2), s), mn * a.bound() * a.bound());
            }
            case 1 -> {
                for (int tries = 0; tries < 4; tries++) {
                    Val c = pick();
                    List<String> out = Shapes.matmul(s, c.shape());
                    if (out != null) {
                        return new Expr(rnd.nextBoolean() ? x + " @ " + c.name() : "matmul(" + x + ", " + c.name() + ")",
                                out, kn * a.bound() * c.bound());
                    }
                }
                return null;
            }
            default -> {
                if (!Shapes.isStatic(k)) {
                    return null;
                }
                List<String> ws = rnd.nextInt(4) == 0 ? List.of(k) : List.of(k, String.valueOf(1 + rnd.nextInt(4)));
                Val w = leaf(ws, true);
                if (rnd.nextBoolean() && ws.size() == 2) {
                    return transposedProduct(a, w);
                }
                return new Expr(x + " @ " + w.name(), Shapes.matmul(s, ws), kn * a.bound() * w.bound());
            }
        }
    }

    /**
     * x @ w transposed in its last two dims, which the simplifier rewrites as wᵀ @ xᵀ; a product of
     * rank 1 stays as it is.
     */
    private Expr transposedProduct(Val a, Val w) {
        List<String> out = Shapes.matmul(a.shape(), w.shape());
        double bound = Integer.parseInt(w.shape().get(0)) * a.bound() * w.bound();
        if (out.size() < 2) {
            return new Expr(a.name() + " @ " + w.name(), out, bound);
        }
        int r = out.size();
        return new Expr("transpose(" + a.name() + " @ " + w.name() + ", -1, -2)", Shapes.swap(out, r - 1, r - 2), bound);
    }

    private Expr shape(Val a) {
        List<String> s = a.shape();
        String x = a.name();
        int r = s.size();
        switch (rnd.nextInt(7)) {
            case 0 -> {
                if (r < 2) {
                    return null;
                }
                int i = rnd.nextInt(r);
                int j = rnd.nextInt(r);
                return new Expr("transpose(" + x + ", " + Shapes.axis(rnd, i, r) + ", " + Shapes.axis(rnd, j, r) + ")",
                        Shapes.swap(s, i, j), a.bound());
            }
            case 1 -> {
                if (r < 2) {
                    return null;
                }
                List<Integer> perm = Shapes.permutation(rnd, r);
                List<String> written = new ArrayList<>();
                for (int p : perm) {
                    written.add(Shapes.axis(rnd, p, r));
                }
                return new Expr("permute(" + x + ", [" + String.join(", ", written) + "])", Shapes.permute(s, perm),
                        a.bound());
            }
            case 2 -> {
                boolean leadingBatch = r > 0 && s.get(0).equals("batch") && isStatic(s.subList(1, r));
                if (!isStatic(s) && !leadingBatch) {
                    return null;
                }
                List<String> rest = leadingBatch ? s.subList(1, r) : s;
                int n = Shapes.staticNumel(rest);
                List<String> target = Shapes.factor(rnd, n, n == 1 ? rnd.nextInt(2) : 1 + rnd.nextInt(3));
                List<String> written = new ArrayList<>(target);
                if (!written.isEmpty() && rnd.nextBoolean()) {
                    written.set(rnd.nextInt(written.size()), "-1");
                }
                if (leadingBatch) {
                    target.add(0, "batch");
                    written.add(0, "batch");
                }
                return new Expr("reshape(" + x + ", " + Shapes.render(written) + ")", target, a.bound());
            }
            case 3 -> {
                if (r < 1) {
                    return null;
                }
                int start = rnd.nextInt(r);
                int end = start + rnd.nextInt(r - start);
                if (start < end && !isStatic(s.subList(start, end + 1))) {
                    return null;
                }
                List<String> out = new ArrayList<>(s.subList(0, start));
                out.add(start == end ? s.get(start) : String.valueOf(Shapes.staticNumel(s.subList(start, end + 1))));
                out.addAll(s.subList(end + 1, r));
                return new Expr("flatten(" + x + ", " + Shapes.axis(rnd, start, r) + ", " + Shapes.axis(rnd, end, r) + ")",
                        out, a.bound());
            }
            case 4 -> {
                int d = rnd.nextInt(r + 1);
                List<String> out = new ArrayList<>(s);
                out.add(d, "1");
                return new Expr("unsqueeze(" + x + ", " + Shapes.axis(rnd, d, r + 1) + ")", out, a.bound());
            }
            case 5 -> {
                int d = s.indexOf("1");
                if (d < 0) {
                    return null;
                }
                List<String> out = new ArrayList<>(s);
                out.remove(d);
                return new Expr("squeeze(" + x + ", " + Shapes.axis(rnd, d, r) + ")", out, a.bound());
            }
            default -> {
                List<String> target = new ArrayList<>(s);
                int d = s.indexOf("1");
                if (d >= 0 && rnd.nextBoolean()) {
                    target.set(d, String.valueOf(2 + rnd.nextInt(2)));
                } else {
                    target.add(0, String.valueOf(2 + rnd.nextInt(2)));
                }
                return new Expr("broadcast_to(" + x + ", " + Shapes.render(target) + ")", target, a.bound());
            }
        }
    }

    // ------------------------------------------------------------------ loss and roots

    private ModelCase finish() {
        List<Val> sinks = new ArrayList<>();
        Val last = computed.get(computed.size() - 1);
        sinks.add(last);
        for (Val v : computed) {
            if (v != last && uses.get(pool.indexOf(v)) == 0 && sinks.size() < 3) {
                sinks.add(v);
            }
        }
        List<String> terms = new ArrayList<>();
        for (Val v : sinks) {
            String weight = b.input("r" + terms.size(), v.shape(), Values.uniform(-1, 1));
            terms.add("sum(" + v.name() + " * " + weight + ")");
        }
        for (Val v : computed) {
            if (v.shape().size() == 2 && Shapes.isStatic(v.shape().get(1)) && rnd.nextInt(3) == 0) {
                String label = b.labels("label", v.shape().subList(0, 1), Integer.parseInt(v.shape().get(1)));
                terms.add("cross_entropy(" + v.name() + ", " + label + ")");
                if (rnd.nextBoolean()) {
                    b.statement("metric accuracy = accuracy(" + v.name() + ", " + label + ")");
                }
                break;
            }
        }
        // Outputs: a computed value, sometimes delivered twice, and sometimes an input or parameter
        // as it is (roots the code generator must copy).
        if (rnd.nextBoolean()) {
            String out = computed.get(rnd.nextInt(computed.size())).name();
            b.output("out", out);
            if (rnd.nextInt(4) == 0) {
                b.output("again", out);
            }
        }
        if (rnd.nextInt(4) == 0) {
            b.output("leaf", leafValues.get(rnd.nextInt(leafValues.size())).name());
        }
        if (rnd.nextInt(4) == 0) {
            b.statement("metric m = mean(" + computed.get(rnd.nextInt(computed.size())).name() + ")");
        }
        return b.build(String.join(" + ", terms));
    }
}
