package nnet.runtime.model;

import java.io.Serializable;
import java.util.List;

/**
 * One compiled program of a model (predict, evaluate or train): the io slots it reads and writes, and
 * its arena buffers, which the runtime packs when dims are bound.
 */
public record ProgramInfo(String name, int index, List<Integer> reads, List<Integer> writes,
                          List<BufferInfo> buffers, int kernels) implements Serializable {

    public static final String PREDICT = "predict";
    public static final String EVALUATE = "evaluate";
    public static final String TRAIN = "train";
}
