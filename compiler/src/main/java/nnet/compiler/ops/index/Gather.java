package nnet.compiler.ops.index;

import java.util.Arrays;
import java.util.List;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.KernelOp;

/**
 * {@code torch.gather(input, dim, index)}: out[i][j][k] = input[i][index[i][j][k]][k] for dim 1; the
 * output has the index's shape, which along the other dims may be smaller than the input's. The gradient
 * adds each output element's gradient back at the element it was read from.
 */
public record Gather(int axis) implements KernelOp {
    public String name() {
        return "gather";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        TensorType x = inputs.get(0);
        TensorType index = inputs.get(1);
        if (axis < 0 || axis >= x.rank()) {
            throw new ShapeException("'gather': dim " + axis + " is out of range for " + x);
        }
        AlongAxis.checkIndex(name(), index, x, axis, "the input");
        return x.withShape(index.shape());
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        int dx = g.graph().add(new Backward(axis, g.inputType(0).shape()), g.input(1), g.outputGrad());
        return Arrays.asList(dx, null);
    }

    @Override
    public void emit(KernelWriter w) {
        AlongAxis.walk(w, name(), w.in(1), w.in(0).type().shape(), axis, List.of(),
                (at, picked, others) -> w.store(w.out(), at, w.load(w.in(0), picked)));
    }

    @Override
    public String attributes() {
        return "axis=" + axis;
    }

    /** dx = 0, then dx[picked] += dy for every index element; operands (index, dy). */
    public record Backward(int axis, Shape shape) implements KernelOp {
        public String name() {
            return "gather_grad";
        }

        @Override
        public TensorType infer(List<TensorType> inputs) {
            return inputs.get(1).withShape(shape);
        }

        @Override
        public boolean differentiable() {
            return false;
        }

        @Override
        public void emit(KernelWriter w) {
            w.loop(Ix.c(0), w.numel(shape), i -> w.store(w.out(), i, Val.c(0)));
            AlongAxis.walk(w, "gather", w.in(0), shape, axis, List.of(), (at, picked, others) ->
                    w.store(w.out(), picked, w.load(w.out(), picked).plus(w.load(w.in(1), at))));
        }

        @Override
        public String attributes() {
            return "axis=" + axis + ", shape=" + shape;
        }
    }
}
