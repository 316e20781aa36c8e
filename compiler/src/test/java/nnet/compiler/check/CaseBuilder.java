package nnet.compiler.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nnet.runtime.Tensor;

/**
 * Writes a small f64 model and draws its values: declarations (inputs, parameters), statements, and a
 * loss. {@link #weightedLoss} makes the usual loss {@code sum(y * r)} with a random weighting input r,
 * so that every element of y gets its own gradient.
 */
public final class CaseBuilder {
    public static final String MODEL = "Check";

    private final String label;
    private final Random rnd;
    private final Map<String, Integer> dims = new LinkedHashMap<>();
    private final List<String> decls = new ArrayList<>();
    private final List<String> stmts = new ArrayList<>();
    private final List<String> functions = new ArrayList<>();
    private final Map<String, Tensor> inputs = new LinkedHashMap<>();
    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private boolean importNn;

    public CaseBuilder(String label, Random rnd) {
        this.label = label;
        this.rnd = rnd;
    }

    public Random rnd() {
        return rnd;
    }

    /** Binds a run-time dim (used by name in shapes). */
    public CaseBuilder dim(String name, int value) {
        dims.put(name, value);
        return this;
    }

    public CaseBuilder importNn() {
        importNn = true;
        return this;
    }

    public String input(String name, List<String> shape, Values values) {
        decls.add("input " + name + ": f64" + Shapes.render(shape));
        inputs.put(name, values.make(rnd, Shapes.eval(shape, dims)));
        return name;
    }

    /** A trainable parameter; its value is drawn here and set before running. */
    public String param(String name, List<String> shape, Values values) {
        decls.add("param " + name + ": " + Shapes.render(shape) + " = normal(0, 1)");
        params.put(name, values.make(rnd, Shapes.eval(shape, dims)));
        return name;
    }

    public String frozenParam(String name, List<String> shape, Values values) {
        decls.add("frozen param " + name + ": " + Shapes.render(shape) + " = normal(0, 1)");
        params.put(name, values.make(rnd, Shapes.eval(shape, dims)));
        return name;
    }

    /** An i32 input of class indices in [0, classes). */
    public String labels(String name, List<String> shape, int classes) {
        decls.add("input " + name + ": i32" + Shapes.render(shape));
        inputs.put(name, Values.labels(rnd, Shapes.eval(shape, dims), classes));
        return name;
    }

    /**
     * Class indices in [0, classes), each but the first replaced by {@code ignored} with probability
     * {@code fraction}; the first is never {@code ignored} (which needs classes ≥ 2 when it is a class), so
     * that a mean over the rows that count has at least one.
     */
    public String labels(String name, List<String> shape, int classes, int ignored, double fraction) {
        labels(name, shape, classes);
        int[] d = inputs.get(name).ints();
        if (d.length > 0 && d[0] == ignored) {
            d[0] = (ignored + 1) % classes;
        }
        for (int i = 1; i < d.length; i++) {
            if (rnd.nextDouble() < fraction) {
                d[i] = ignored;
            }
        }
        return name;
    }

    /** An input or (one time in three) a trainable parameter, so that both kinds of gradient get checked. */
    public String operand(String name, List<String> shape, Values values) {
        return rnd.nextInt(3) == 0 ? param(name, shape, values) : input(name, shape, values);
    }

    /** {@code name = expr}; returns name. */
    public String let(String name, String expr) {
        stmts.add(name + " = " + expr);
        return name;
    }

    public void output(String name, String expr) {
        stmts.add("output " + name + " = " + expr);
    }

    /** A function declared before the model, written out in full ("fn f(x) { ... }"). */
    public void function(String text) {
        functions.add(text);
    }

    public void statement(String line) {
        stmts.add(line);
    }

    /** loss = sum(y * r) for a random weighting input r of y's shape. */
    public ModelCase weightedLoss(String y, List<String> yShape) {
        String r = input("r_" + inputs.size(), yShape, Values.uniform(-1, 1));
        return build("sum(" + y + " * " + r + ")");
    }

    public ModelCase build(String lossExpr) {
        StringBuilder sb = new StringBuilder();
        if (importNn) {
            sb.append("import nn\n\n");
        }
        for (String f : functions) {
            sb.append(f).append("\n\n");
        }
        sb.append("model ").append(MODEL).append(" {\n");
        for (String d : decls) {
            sb.append("  ").append(d).append('\n');
        }
        for (String s : stmts) {
            sb.append("  ").append(s).append('\n');
        }
        sb.append("  loss = ").append(lossExpr).append("\n}\n");
        return new ModelCase(label, MODEL, sb.toString(), dims, inputs, params);
    }
}
