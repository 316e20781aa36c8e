package nnet.runtime.memory;

import java.util.List;
import nnet.runtime.DType;
import nnet.runtime.model.BufferInfo;
import nnet.runtime.model.IoInfo;
import nnet.runtime.model.ModelInfo;
import nnet.runtime.model.ProgramInfo;
import nnet.runtime.model.Size;

/**
 * The memory a model takes, computed from its description before any of it is allocated, and compared
 * with what the JVM may give: a model that cannot fit should say so, with its size and how to get
 * more heap, rather than fail with an OutOfMemoryError partway through allocating.
 */
public final class MemoryNeeds {
    private MemoryNeeds() {
    }

    /** Thrown when a model or an executor would need more memory than the heap may grow to. */
    public static final class TooLarge extends IllegalArgumentException {
        TooLarge(String message) {
            super(message);
        }
    }

    /** Bytes of a model's own arrays: parameters, gradients, optimizer slots and state buffers. */
    public static long model(ModelInfo info) {
        long total = 0;
        for (DType t : DType.values()) {
            long trainable = info.trainableSize(t);
            total += ((long) info.paramSize(t) + trainable * (1 + info.slots()) + info.stateSize(t)) * t.bytes();
        }
        return total;
    }

    /** Bytes of an executor at these dim values: every input's and output's array, and one arena per dtype. */
    public static long executor(ModelInfo info, int[] dims) {
        long total = ioBytes(info, dims);
        for (DType t : DType.values()) {
            long largest = 0;
            for (ProgramInfo p : info.programs()) {
                largest = Math.max(largest, arenaElements(p, t, dims));
            }
            total += largest * t.bytes();
        }
        return total;
    }

    /** Bytes of the arrays of every input and output at these dim values. */
    public static long ioBytes(ModelInfo info, int[] dims) {
        long total = 0;
        for (IoInfo io : info.io()) {
            total += elements(io.shape(), dims) * io.dtype().bytes();
        }
        return total;
    }

    /** The bytes of a program's arena at these dim values, every dtype's packed by the runtime's planner. */
    public static long arenaBytes(ProgramInfo p, int[] dims) {
        long total = 0;
        for (DType t : DType.values()) {
            total += arenaElements(p, t, dims) * t.bytes();
        }
        return total;
    }

    /**
     * The dim values that summaries and warnings assume: the batch dim bound to the training batch (1
     * without a train section), every other run-time dim to 1.
     */
    public static int[] trainingDims(ModelInfo info) {
        String batch = batchDim(info);
        int size = info.train() != null ? info.train().batch() : 1;
        int[] values = new int[info.dims().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = info.dims().get(i).equals(batch) ? size : 1;
        }
        return values;
    }

    /** "model Digits with batch=32": what the memory is for, in messages. */
    public static String subject(ModelInfo info, int[] dims) {
        StringBuilder sb = new StringBuilder("model ").append(info.name());
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? " with " : ", ").append(info.dims().get(i)).append('=').append(dims[i]);
        }
        return sb.toString();
    }

    /** The dim examples are counted along: the leading dim of the first input, if bound at run time. */
    public static String batchDim(ModelInfo info) {
        for (IoInfo io : info.io(IoInfo.Kind.INPUT)) {
            if (!io.shape().isEmpty() && !io.shape().get(0).isStatic() && io.shape().get(0).dims().length == 1) {
                return info.dims().get(io.shape().get(0).dims()[0]);
            }
        }
        return info.dims().isEmpty() ? "" : info.dims().get(0);
    }

    /** The arena of one dtype that the runtime's planner packs for a program at these dim values, in elements. */
    public static long arenaElements(ProgramInfo p, DType t, int[] dims) {
        List<BufferInfo> buffers = p.buffers().stream().filter(b -> b.dtype() == t).toList();
        if (buffers.isEmpty()) {
            return 0;
        }
        long[] sizes = new long[buffers.size()];
        int[] first = new int[buffers.size()];
        int[] last = new int[buffers.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = buffers.get(i).size().eval(dims);
            first[i] = buffers.get(i).first();
            last[i] = buffers.get(i).last();
        }
        return ArenaPlanner.plan(sizes, first, last).arenaSize();
    }

    /** Why {@code bytes} for {@code what} cannot fit in the heap this JVM may grow to, or null when they may. */
    public static String shortfall(long bytes, String what) {
        long max = Runtime.getRuntime().maxMemory();
        if (max == Long.MAX_VALUE || bytes <= max) {
            return null;
        }
        // A quarter more than the model itself, for the data, the JVM and what the run allocates besides.
        String heap = "-Xmx" + Math.max(1, (bytes + bytes / 4 + 999_999_999) / 1_000_000_000) + "g";
        return what + " needs " + ByteSize.format(bytes, 1) + " of memory, more than the Java heap may grow to ("
                + ByteSize.format(max, 1) + "); give Java more with " + heap + " (java " + heap
                + " -jar MODEL.jar ..., or NNETC_JAVA_OPTS=" + heap + " nnetc ...)";
    }

    /** Throws {@link TooLarge} when {@code bytes} for {@code what} cannot fit in the heap. */
    public static void check(long bytes, String what) {
        String problem = shortfall(bytes, what);
        if (problem != null) {
            throw new TooLarge(problem);
        }
    }

    private static long elements(List<Size> shape, int[] dims) {
        long n = 1;
        for (Size s : shape) {
            n *= s.eval(dims);
        }
        return n;
    }
}
