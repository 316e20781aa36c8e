package nnet.compiler.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.GraphBuilder;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.elementwise.Add;
import nnet.compiler.ops.elementwise.Expand;
import nnet.compiler.ops.elementwise.Fused;
import nnet.compiler.ops.elementwise.Mul;
import nnet.compiler.ops.elementwise.Neg;
import nnet.compiler.ops.leaf.Constant;
import nnet.compiler.ops.leaf.DimValue;
import nnet.compiler.ops.linalg.MatMul;
import nnet.compiler.ops.reduce.Sum;
import nnet.compiler.ops.shape.Reshape;
import nnet.runtime.DType;

/** Short-hands for adding common ops to a graph, used by gradient rules and the front end. */
public final class Build {
    private final GraphBuilder g;

    private Build(GraphBuilder g) {
        this.g = g;
    }

    public static Build of(GraphBuilder g) {
        return new Build(g);
    }

    public GraphBuilder graph() {
        return g;
    }

    public TensorType type(int x) {
        return g.type(x);
    }

    public int add(int a, int b) {
        return g.add(new Add(), a, b);
    }

    public int mul(int a, int b) {
        return g.add(new Mul(), a, b);
    }

    public int neg(int a) {
        return g.add(new Neg(), a);
    }

    public int constant(double value, DType dtype) {
        return g.add(new Constant(value, dtype));
    }

    public int dimValue(Dim d, DType dtype) {
        return d.isStatic() ? constant(d.value(), dtype) : g.add(new DimValue(d, dtype));
    }

    public int matmul(int a, int b, boolean transA, boolean transB) {
        return g.add(MatMul.of(transA, transB), a, b);
    }

    public int reshape(int x, Shape shape) {
        return type(x).shape().equals(shape) ? x : g.add(new Reshape(shape), x);
    }

    /**
     * An elementwise node with the given body over the given operands. Operands the body does not read
     * are dropped; a body that is just one operand returns that operand without adding a node.
     */
    public int elementwise(String label, Scalar body, List<Integer> operands) {
        Map<Integer, Integer> used = new LinkedHashMap<>();
        for (Scalar s : body.postOrder()) {
            if (s instanceof Scalar.Arg a) {
                used.putIfAbsent(a.index(), used.size());
            }
        }
        if (body instanceof Scalar.Arg a) {
            return operands.get(a.index());
        }
        List<Integer> kept = new ArrayList<>(Arrays.asList(new Integer[used.size()]));
        used.forEach((old, now) -> kept.set(now, operands.get(old)));
        Scalar remapped = body.substitute(i -> Scalar.arg(used.get(i)));
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("elementwise body without operands: " + body.render());
        }
        return g.add(new Fused(label, remapped), kept);
    }

    /** {@code x} broadcast to {@code shape} (a copy, fused away when a consumer reads it). */
    public int expand(int x, Shape shape) {
        return type(x).shape().equals(shape) ? x : g.add(new Expand(shape), x);
    }

    /** Sums {@code x} over the dims that broadcasting added or stretched, so it gets shape {@code target}. */
    public int sumTo(int x, Shape target) {
        Shape s = type(x).shape();
        if (s.equals(target)) {
            return x;
        }
        int lead = s.rank() - target.rank();
        List<Integer> axes = new ArrayList<>();
        for (int i = 0; i < s.rank(); i++) {
            boolean stretched = i >= lead && isOne(target.dim(i - lead)) && !isOne(s.dim(i));
            if (i < lead || stretched) {
                axes.add(i);
            }
        }
        int summed = axes.isEmpty() ? x : g.add(new Sum(axes, true), x);
        return reshape(summed, target);
    }

    /** Brings a gradient to the operand's shape: sums broadcast dims away or expands a reduced one. */
    public int fitTo(int grad, Shape target) {
        Shape s = type(grad).shape();
        if (s.equals(target)) {
            return grad;
        }
        if (s.broadcastsTo(target)) {
            return expand(grad, target);
        }
        return sumTo(grad, target);
    }

    private static boolean isOne(Dim d) {
        return d.isStatic() && d.value() == 1;
    }
}
