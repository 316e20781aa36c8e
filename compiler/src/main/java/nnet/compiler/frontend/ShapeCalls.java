package nnet.compiler.frontend;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Shape;
import nnet.compiler.ops.shape.Reshape;

/** Shape builtins that are reshapes in disguise: flatten, unsqueeze, squeeze. */
final class ShapeCalls {
    private ShapeCalls() {
    }

    static Value flatten(CallSite c) {
        Shape s = c.type(0).shape();
        if (s.rank() == 0) {
            return reshape(c, Shape.of(1));
        }
        int start = c.axis(1, c.intArg(1), s.rank());
        int end = c.axis(2, c.intArg(2), s.rank());
        if (start < 0 || end < 0) {
            return new Value.Error();
        }
        if (start > end) {
            return c.error("flatten: start_dim " + c.intArg(1) + " comes after end_dim " + c.intArg(2));
        }
        List<Dim> dims = new ArrayList<>(s.dims().subList(0, start));
        dims.add(s.product(start, end + 1));
        dims.addAll(s.dims().subList(end + 1, s.rank()));
        return reshape(c, new Shape(dims));
    }

    static Value unsqueeze(CallSite c) {
        Shape s = c.type(0).shape();
        int axis = c.axis(1, c.intArg(1), s.rank() + 1);
        if (axis < 0) {
            return new Value.Error();
        }
        List<Dim> dims = new ArrayList<>(s.dims());
        dims.add(axis, Dim.of(1));
        return reshape(c, new Shape(dims));
    }

    static Value squeeze(CallSite c) {
        Shape s = c.type(0).shape();
        int axis = c.axis(1, c.intArg(1), s.rank());
        if (axis < 0) {
            return new Value.Error();
        }
        Dim d = s.dim(axis);
        if (!(d.isStatic() && d.value() == 1)) {
            return c.arg(0);
        }
        return reshape(c, s.without(axis));
    }

    private static Value reshape(CallSite c, Shape target) {
        if (c.type(0).shape().equals(target)) {
            return c.arg(0);
        }
        return Builtins.orError(c.model.op(c.span, new Reshape(target), c.node(0)));
    }
}
