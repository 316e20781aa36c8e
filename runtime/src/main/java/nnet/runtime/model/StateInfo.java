package nnet.runtime.model;

import java.io.Serializable;
import nnet.runtime.DType;
import nnet.runtime.Tensor;

/**
 * A state buffer: a value kept across steps that is not trained (batch norm's running statistics and
 * batch count). It lives in the flat state array of its dtype, starts from its initialiser, and is
 * saved and loaded with the parameters under its name.
 */
public record StateInfo(String name, DType dtype, int[] shape, int offset, Init init) implements Serializable {

    public int size() {
        return (int) Tensor.numel(shape);
    }
}
