package nnet.runtime.data;

import java.util.ArrayList;
import java.util.List;
import nnet.runtime.DType;
import nnet.runtime.model.IoInfo;
import nnet.runtime.model.ModelInfo;
import nnet.runtime.model.Size;

/** Model descriptions with only inputs, enough for reading data sets without compiling a model. */
final class ToyModels {
    private ToyModels() {
    }

    /** An input of shape [batch, dims...]. */
    static IoInfo input(String name, DType dtype, long... dims) {
        List<Size> shape = new ArrayList<>();
        shape.add(new Size(1, new int[] {0}));
        for (long d : dims) {
            shape.add(new Size(d, new int[0]));
        }
        return new IoInfo(IoInfo.Kind.INPUT, name, dtype, shape, -1);
    }

    static ModelInfo model(IoInfo... inputs) {
        List<IoInfo> io = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            IoInfo in = inputs[i];
            io.add(new IoInfo(in.kind(), in.name(), in.dtype(), in.shape(), i));
        }
        return new ModelInfo("Toy", "Toy", List.of("batch"), io, List.of(), List.of(), List.of(), null, new int[3],
                new int[3], new int[3], new double[io.size()], "sgd");
    }
}
