package nnet.compiler.ir;

import nnet.runtime.DType;

/** The static type of a graph value: element type and shape. */
public record TensorType(DType dtype, Shape shape) {

    public static TensorType scalar(DType dtype) {
        return new TensorType(dtype, Shape.SCALAR);
    }

    public TensorType withShape(Shape s) {
        return new TensorType(dtype, s);
    }

    public int rank() {
        return shape.rank();
    }

    @Override
    public String toString() {
        return dtype.spelling() + shape;
    }
}
