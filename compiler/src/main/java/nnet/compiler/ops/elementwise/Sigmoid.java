package nnet.compiler.ops.elementwise;

import java.util.List;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.UnaryFn;
import nnet.compiler.ops.Build;
import nnet.compiler.ops.ElementwiseOp;

/** The logistic function 1/(1+e^-x); d/dx = y(1-y), stated on the output y. */
public record Sigmoid() implements ElementwiseOp {
    public String name() {
        return "sigmoid";
    }

    public Scalar body() {
        Scalar expNeg = Scalar.unary(UnaryFn.EXP, Scalar.unary(UnaryFn.NEG, Scalar.arg(0)));
        return Scalar.div(Scalar.constant(1), Scalar.add(Scalar.constant(1), expNeg));
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        Scalar y = Scalar.arg(1);
        Scalar body = Scalar.mul(Scalar.arg(0), Scalar.mul(y, Scalar.sub(Scalar.constant(1), y)));
        return g.only(Build.of(g.graph()).elementwise("sigmoid_grad", body,
                List.of(g.outputGrad(), g.output())));
    }
}
