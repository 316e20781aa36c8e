package nnet.compiler.ops.shape;

import java.util.List;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.KernelOp;

/**
 * The reverse of a {@link Remap}: a tensor of the given shape filled with {@code fill}, into which each
 * element of the operand is written where the maps send its coordinates. Where several elements land
 * on one (replicated or reflected borders) they are added, which is the gradient of the remap; a
 * non-zero fill (the value of a constant pad) needs maps that never land twice.
 */
public record Unmap(String label, List<AxisMap> maps, Shape shape, double fill) implements KernelOp {
    public Unmap {
        maps = List.copyOf(maps);
    }

    public String name() {
        return label;
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        TensorType x = inputs.get(0);
        if (x.rank() != maps.size() || shape.rank() != maps.size()) {
            throw new ShapeException("'" + label + "' maps " + maps.size() + " dims, but got " + x + " into " + shape);
        }
        for (int d = 0; d < maps.size(); d++) {
            if (!maps.get(d).length().equals(x.shape().dim(d))) {
                throw new ShapeException("'" + label + "': dim " + d + " of " + x + " is not the "
                        + maps.get(d).length() + " coordinates its map takes");
            }
            Remap.checkAxis(label, maps.get(d), shape.dim(d), d);
        }
        if (fill != 0 && !injective()) {
            throw new IllegalStateException("'" + label + "' would add into its fill value");
        }
        return x.withShape(shape);
    }

    private boolean injective() {
        for (int d = 0; d < maps.size(); d++) {
            if (!maps.get(d).injective(shape.dim(d))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        return g.only(g.graph().add(new Remap(label + "_grad", maps), g.outputGrad()));
    }

    @Override
    public void emit(KernelWriter w) {
        Val value = Val.c(fill);
        w.loop(Ix.c(0), w.numel(shape), i -> w.store(w.out(), i, value));
        boolean add = !injective();
        AxisWalk.emit(w, label, w.in(0).type().shape(), maps, shape, (in, out) -> w.store(w.out(), out,
                add ? w.load(w.out(), out).plus(w.load(w.in(0), in)) : w.load(w.in(0), in)));
    }

    @Override
    public String attributes() {
        return "maps=" + Remap.render(maps) + ", shape=" + shape
                + (fill == 0 ? "" : ", fill=" + Scalar.formatConst(fill));
    }
}
