package nnet.runtime.data;

import java.util.ArrayList;
import java.util.List;
import nnet.runtime.DType;
import nnet.runtime.Tensor;
import nnet.runtime.io.DataException;
import nnet.runtime.io.NumberArray;
import nnet.runtime.model.IoInfo;

/**
 * A data set from arrays, one per input, whose first dimension counts the examples. An array fits an input
 * when its examples have as many elements as the input's (a [60000, 28, 28] array feeds an input
 * [batch, 1, 28, 28]: 784 each); all arrays must have as many examples; an i32 input needs integers.
 */
final class ArrayDataset {
    private ArrayDataset() {
    }

    /** Array i, read from {@code origins} i, feeds {@code inputs} i. */
    static Dataset of(List<IoInfo> inputs, List<NumberArray> arrays, List<Origin> origins, List<String> dims) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Column c = column(inputs.get(i), arrays.get(i), origins.get(i), dims);
            if (!columns.isEmpty() && c.examples() != columns.get(0).examples()) {
                Column first = columns.get(0);
                throw new DataException(c.origin() + ": has " + c.examples() + " examples, but " + first.origin()
                        + " (input '" + inputs.get(0).name() + "') has " + first.examples());
            }
            columns.add(c);
        }
        return Dataset.of(inputs, columns);
    }

    private static Column column(IoInfo in, NumberArray array, Origin origin, List<String> dims) {
        int wanted = InputShapes.elementsPerExample(in, dims, origin);
        if (array.rank() == 0) {
            throw new DataException(origin + ": the array is a single number (" + array.describe() + "), but input '"
                    + in.name() + "' needs examples along the first dimension");
        }
        int[] shape = array.shape();
        long each = Tensor.numel(java.util.Arrays.copyOfRange(shape, 1, shape.length));
        if (each != wanted) {
            throw new DataException(origin + ": the array is " + array.describe() + ", " + each + " element"
                    + (each == 1 ? "" : "s") + " per example, but input '" + in.name() + "' is "
                    + in.describe(dims) + ", " + wanted + " per example");
        }
        Column c = Column.of(array, origin);
        if (in.dtype() == DType.I32) {
            c.checkIntegral(in.name());
        }
        return c;
    }
}
