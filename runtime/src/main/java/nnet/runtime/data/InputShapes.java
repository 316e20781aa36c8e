package nnet.runtime.data;

import java.util.List;
import nnet.runtime.io.DataException;
import nnet.runtime.model.IoInfo;
import nnet.runtime.model.Size;

/** What data files need to know of an input's shape, and how inputs are named in messages. */
final class InputShapes {
    private InputShapes() {
    }

    /**
     * The elements of one example of {@code in}: examples run along a first, run-time dim (the batch), and
     * every later dim must be fixed. {@code file} is named when the input cannot be read from files.
     */
    static int elementsPerExample(IoInfo in, List<String> dims, Object file) {
        List<Size> shape = in.shape();
        if (shape.isEmpty() || shape.get(0).isStatic()) {
            throw new DataException(file + ": input '" + in.name() + "' has no run-time batch dim "
                    + "first, so it cannot be read from a data file");
        }
        long n = 1;
        for (Size s : shape.subList(1, shape.size())) {
            if (!s.isStatic()) {
                throw new DataException(file + ": input '" + in.name() + "' has the run-time dim "
                        + s.describe(dims) + " beyond the first; data files need fixed sizes there");
            }
            n *= s.factor();
        }
        return Math.toIntExact(n);
    }

    /** Like "x: f32[batch, 1, 28, 28], label: i32[batch]". */
    static String describe(List<IoInfo> inputs, List<String> dims) {
        StringBuilder sb = new StringBuilder();
        for (IoInfo in : inputs) {
            sb.append(sb.length() == 0 ? "" : ", ").append(in.name()).append(": ").append(in.describe(dims));
        }
        return sb.toString();
    }
}
