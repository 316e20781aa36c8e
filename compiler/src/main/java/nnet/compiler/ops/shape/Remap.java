package nnet.compiler.ops.shape;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.KernelOp;

/**
 * A copy that reads each axis of its operand through its own {@link AxisMap}: slices with steps and
 * single indices (a slice of one, which a reshape then drops), {@code narrow}, {@code flip}, {@code roll}
 * and the border modes of {@code pad}. The label names the op in printed IR and in run-time errors.
 * The gradient sends each element back where it was read from, adding where several read one.
 */
public record Remap(String label, List<AxisMap> maps) implements KernelOp {
    public Remap {
        maps = List.copyOf(maps);
    }

    public String name() {
        return label;
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        TensorType x = inputs.get(0);
        if (x.rank() != maps.size()) {
            throw new ShapeException("'" + label + "' maps " + maps.size() + " dims, but got " + x);
        }
        List<Dim> dims = new ArrayList<>();
        for (int d = 0; d < maps.size(); d++) {
            checkAxis(label, maps.get(d), x.shape().dim(d), d);
            dims.add(maps.get(d).length());
        }
        return x.withShape(new Shape(dims));
    }

    static void checkAxis(String label, AxisMap m, Dim n, int axis) {
        try {
            m.check(n);
        } catch (ShapeException e) {
            throw new ShapeException("'" + label + "', dim " + axis + ": " + e.getMessage());
        }
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        Shape x = g.inputType(0).shape();
        return g.only(g.graph().add(new Unmap(label + "_grad", maps, x, 0), g.outputGrad()));
    }

    @Override
    public void emit(KernelWriter w) {
        AxisWalk.emit(w, label, w.out().type().shape(), maps, w.in(0).type().shape(),
                (out, in) -> w.store(w.out(), out, w.load(w.in(0), in)));
    }

    @Override
    public String attributes() {
        return "maps=" + render(maps);
    }

    static String render(List<AxisMap> maps) {
        return maps.stream().map(AxisMap::render).collect(Collectors.joining(", ", "[", "]"));
    }
}
