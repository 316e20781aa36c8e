package nnet.compiler.ops.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.KernelOp;
import nnet.compiler.ops.shape.AxisMap;
import nnet.compiler.ops.shape.Unmap;

/**
 * {@code torch.scatter_add(input, dim, index, src)}: a copy of {@code input} to which each element of
 * {@code src} within the index's shape is added at the place its index names: out[i][index[i][j][k]][k]
 * += src[i][j][k] for dim 1. Gradients: the input's is the output's; the source's is the output's
 * gradient gathered by the index, and zero for source elements outside the index's shape (PyTorch fails
 * there).
 */
public record ScatterAdd(int axis) implements KernelOp {
    public String name() {
        return "scatter_add";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        TensorType x = inputs.get(0);
        TensorType index = inputs.get(1);
        TensorType src = inputs.get(2);
        if (axis < 0 || axis >= x.rank()) {
            throw new ShapeException("'scatter_add': dim " + axis + " is out of range for " + x);
        }
        if (src.dtype() != x.dtype()) {
            throw new ShapeException("'scatter_add': the source " + src + " needs the dtype of the input " + x);
        }
        AlongAxis.checkIndex(name(), index, x, axis, "the input");
        AlongAxis.checkIndex(name(), index, src, -1, "the source");
        return x;
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        Integer dsrc = null;
        if (g.needs(2)) {
            dsrc = g.graph().add(new Gather(axis), g.outputGrad(), g.input(1));
            Shape src = g.inputType(2).shape();
            if (!g.inputType(1).shape().equals(src)) {
                dsrc = g.graph().add(new Unmap("scatter_add_grad", within(g.inputType(1).shape()), src, 0), dsrc);
            }
        }
        return Arrays.asList(g.needs(0) ? g.outputGrad() : null, null, dsrc);
    }

    /** The maps that place a tensor of the index's shape at the start of each dim of a larger one. */
    private static List<AxisMap> within(Shape index) {
        List<AxisMap> maps = new ArrayList<>();
        for (int d = 0; d < index.rank(); d++) {
            maps.add(new AxisMap.Affine(Dim.of(0), 0, 1, index.dim(d)));
        }
        return maps;
    }

    @Override
    public void emit(KernelWriter w) {
        w.loop(Ix.c(0), w.numel(w.out().type().shape()), i -> w.store(w.out(), i, w.load(w.in(0), i)));
        Shape src = w.in(2).type().shape();
        AlongAxis.walk(w, name(), w.in(1), w.out().type().shape(), axis, List.of(AlongAxis.strides(src, -1)),
                (at, picked, others) -> w.store(w.out(), picked,
                        w.load(w.out(), picked).plus(w.load(w.in(2), others[0]))));
    }

    @Override
    public String attributes() {
        return "axis=" + axis;
    }
}
