package nnet.compiler.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Scalar;

/**
 * The leaves of an elementwise body that depend on the element's position: coordinates
 * ({@link Scalar.Index}) and random numbers ({@link Scalar.Random}). They become extra arguments of the
 * body. A coordinate along axis a is walked like an operand whose stride is 1 along a and 0 elsewhere,
 * so the loop nest never merges that axis with its neighbours and no index is ever divided; a random
 * number is drawn for the element's row-major index in the output.
 */
final class PositionalLeaves {
    private final Scalar body;
    private final List<Integer> axes;
    private final List<Integer> keys;

    private PositionalLeaves(Scalar body, List<Integer> axes, List<Integer> keys) {
        this.body = body;
        this.axes = axes;
        this.keys = keys;
    }

    /**
     * Rewrites the leaves of {@code body}, whose operands are Arg(0..operands-1), into the arguments that
     * follow: first one per distinct coordinate axis, then one per random stream. Random keys are
     * computed now, in the kernel's prologue.
     */
    static PositionalLeaves bind(KernelWriter w, Scalar body, int operands) {
        Map<Integer, Integer> axisArg = new LinkedHashMap<>();
        Map<Integer, Integer> streamArg = new LinkedHashMap<>();
        for (Scalar s : body.postOrder()) {
            if (s instanceof Scalar.Index i) {
                axisArg.putIfAbsent(i.axis(), -1);
            } else if (s instanceof Scalar.Random r) {
                streamArg.putIfAbsent(r.stream(), -1);
            }
        }
        int next = operands;
        for (Map.Entry<Integer, Integer> e : axisArg.entrySet()) {
            e.setValue(next++);
        }
        List<Integer> keys = new ArrayList<>();
        for (Map.Entry<Integer, Integer> e : streamArg.entrySet()) {
            e.setValue(next++);
            keys.add(w.randomKey(e.getKey()));
        }
        Scalar bound = axisArg.isEmpty() && streamArg.isEmpty() ? body : replace(body, axisArg, streamArg);
        return new PositionalLeaves(bound, List.copyOf(axisArg.keySet()), keys);
    }

    private static Scalar replace(Scalar s, Map<Integer, Integer> axisArg, Map<Integer, Integer> streamArg) {
        if (s instanceof Scalar.Index i) {
            return Scalar.arg(axisArg.get(i.axis()));
        }
        if (s instanceof Scalar.Random r) {
            return Scalar.arg(streamArg.get(r.stream()));
        }
        if (s.children().isEmpty()) {
            return s;
        }
        List<Scalar> c = new ArrayList<>();
        for (Scalar child : s.children()) {
            c.add(replace(child, axisArg, streamArg));
        }
        return s.withChildren(c);
    }

    Scalar body() {
        return body;
    }

    /** The walk strides of the coordinates, one list per coordinate argument. */
    List<List<Dim>> coordinateStrides(int rank) {
        List<List<Dim>> out = new ArrayList<>();
        for (int axis : axes) {
            List<Dim> s = LoopNest.zeroStrides(rank);
            s.set(axis, Dim.of(1));
            out.add(s);
        }
        return out;
    }

    /** The extra arguments for one element: its coordinates (walked values), then its random numbers. */
    List<Val> values(List<Ix> coordinates, Ix outputIndex) {
        List<Val> v = new ArrayList<>();
        coordinates.forEach(c -> v.add(new Val.OfInt(c)));
        keys.forEach(k -> v.add(new Val.Random(k, outputIndex)));
        return v;
    }

    int coordinates() {
        return axes.size();
    }
}
