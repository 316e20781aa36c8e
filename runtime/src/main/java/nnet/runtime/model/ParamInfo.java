package nnet.runtime.model;

import java.io.Serializable;
import nnet.runtime.DType;
import nnet.runtime.Tensor;

/** A parameter: its place in the flat parameter array of its dtype, and how it is initialised. */
public record ParamInfo(String name, DType dtype, int[] shape, int offset, boolean trainable, Init init)
        implements Serializable {

    public int size() {
        return (int) Tensor.numel(shape);
    }
}
