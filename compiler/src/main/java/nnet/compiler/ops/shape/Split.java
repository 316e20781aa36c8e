package nnet.compiler.ops.shape;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.MultiResultOp;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.Build;
import nnet.compiler.ops.KernelOp;

/**
 * {@code torch.split} and {@code torch.chunk}: consecutive pieces along an axis, one result each. As one
 * node its gradient is a single {@link Cat} of the pieces' gradients (zeros for pieces no gradient
 * reaches), where separate slices would each scatter into a zero tensor of the whole and add those up.
 */
public record Split(int axis, List<Long> sizes) implements KernelOp, MultiResultOp {
    public Split {
        sizes = List.copyOf(sizes);
    }

    public String name() {
        return "split";
    }

    @Override
    public List<TensorType> inferResults(List<TensorType> inputs) {
        TensorType x = inputs.get(0);
        if (axis < 0 || axis >= x.rank()) {
            throw new ShapeException("'split': dim " + axis + " is out of range for " + x);
        }
        long total = sizes.stream().mapToLong(Long::longValue).sum();
        if (!x.shape().dim(axis).equals(Dim.of(total)) || sizes.stream().anyMatch(s -> s <= 0)) {
            throw new ShapeException("'split': pieces " + sizes + " do not divide dim " + axis + " of " + x);
        }
        List<TensorType> results = new ArrayList<>();
        for (long s : sizes) {
            results.add(x.withShape(x.shape().with(axis, Dim.of(s))));
        }
        return results;
    }

    /** The maps that read piece k out of the whole. */
    private List<AxisMap> piece(Shape whole, int k) {
        long offset = 0;
        for (int i = 0; i < k; i++) {
            offset += sizes.get(i);
        }
        List<AxisMap> maps = new ArrayList<>();
        for (int d = 0; d < whole.rank(); d++) {
            maps.add(d == axis ? AxisMap.Affine.of(offset, 1, sizes.get(k)) : AxisMap.all(whole.dim(d)));
        }
        return maps;
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        Build b = Build.of(g.graph());
        TensorType x = g.inputType(0);
        List<Integer> parts = new ArrayList<>();
        for (int k = 0; k < sizes.size(); k++) {
            Integer dy = g.outputGrad(k);
            parts.add(dy != null ? dy : b.expand(b.constant(0, x.dtype()), x.shape().with(axis, Dim.of(sizes.get(k)))));
        }
        return g.only(g.graph().add(new Cat(axis), parts));
    }

    @Override
    public void emit(KernelWriter w) {
        Shape whole = w.in(0).type().shape();
        for (int k = 0; k < sizes.size(); k++) {
            int result = k;
            AxisWalk.emit(w, name(), w.out(k).type().shape(), piece(whole, k), whole,
                    (out, in) -> w.store(w.out(result), out, w.load(w.in(0), in)));
        }
    }

    @Override
    public String attributes() {
        return "axis=" + axis + ", sizes=" + sizes;
    }
}
