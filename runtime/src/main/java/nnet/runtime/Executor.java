package nnet.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nnet.runtime.memory.ArenaPlan;
import nnet.runtime.memory.ArenaPlanner;
import nnet.runtime.memory.MemoryNeeds;
import nnet.runtime.model.BufferInfo;
import nnet.runtime.model.IoInfo;
import nnet.runtime.model.ModelInfo;
import nnet.runtime.model.ProgramInfo;

/**
 * A model bound to values of its run-time dims: its io arrays, its arena (planned once here for every
 * program) and the generated code. Running a program allocates nothing.
 */
public final class Executor {
    private final Model model;
    private final ModelInfo info;
    private final int[] dims;
    private final Object[] io;
    private final ModelCode code;
    private final long[] arenaElements = new long[DType.values().length];
    private final double[] hyper = new double[2];
    /** Io slots by kind and name, and program indices by name, looked up without allocating. */
    private final Map<IoInfo.Kind, Map<String, IoInfo>> slots = new java.util.EnumMap<>(IoInfo.Kind.class);
    private final Map<String, Integer> programs = new HashMap<>();

    Executor(Model model, int[] dims) {
        this(model, dims, true);
    }

    /**
     * With {@code planned} false every buffer gets memory of its own (no reuse at all): slower and larger,
     * but a reference that planning must agree with.
     */
    Executor(Model model, int[] dims, boolean planned) {
        this.model = model;
        this.info = model.info();
        this.dims = dims.clone();
        int[][] offsets = new int[info.programs().size()][];
        for (ProgramInfo p : info.programs()) {
            offsets[p.index()] = planned ? plan(p) : separate(p);
            programs.put(p.name(), p.index());
        }
        checkMemory();
        this.io = new Object[info.io().size()];
        for (IoInfo s : info.io()) {
            io[s.slot()] = s.dtype().newArray(Math.toIntExact(Tensor.numel(s.shape(dims))));
            slots.computeIfAbsent(s.kind(), k -> new HashMap<>()).put(s.name(), s);
        }
        ModelCode.Arena arena = new ModelCode.Arena(size(DType.F32), size(DType.F64), size(DType.I32));
        try {
            this.code = (ModelCode) model.constructor().invoke(model.state(), arena, io, this.dims, offsets);
        } catch (Throwable t) {
            throw new IllegalStateException("cannot instantiate the generated code of " + info.name(), t);
        }
    }

    /**
     * Fails before allocating when the arenas and io arrays, with the model's own arrays, cannot fit in
     * the heap; allocating them would end in an OutOfMemoryError that says neither what nor how much.
     */
    private void checkMemory() {
        for (IoInfo s : info.io()) {
            long n = Tensor.numel(s.shape(dims));
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(s.kind().toString().toLowerCase(java.util.Locale.ROOT) + " '"
                        + s.name() + "' of " + MemoryNeeds.subject(info, dims) + " would have " + n
                        + " elements, more than a Java array holds; use a smaller batch");
            }
        }
        long bytes = MemoryNeeds.model(info) + MemoryNeeds.ioBytes(info, dims);
        for (DType t : DType.values()) {
            bytes += arenaElements[t.ordinal()] * t.bytes();
        }
        MemoryNeeds.check(bytes, MemoryNeeds.subject(info, dims));
    }

    /** Packs a program's buffers per dtype; the arena of a dtype is as large as its largest program needs. */
    private int[] plan(ProgramInfo p) {
        int[] offsets = new int[p.buffers().size()];
        for (DType t : DType.values()) {
            List<Integer> ids = new ArrayList<>();
            for (int b = 0; b < p.buffers().size(); b++) {
                if (p.buffers().get(b).dtype() == t) {
                    ids.add(b);
                }
            }
            ArenaPlan plan = planOf(p, ids);
            for (int k = 0; k < ids.size(); k++) {
                offsets[ids.get(k)] = Math.toIntExact(plan.offsets()[k]);
            }
            arenaElements[t.ordinal()] = Math.max(arenaElements[t.ordinal()], plan.arenaSize());
        }
        return offsets;
    }

    /** Every buffer at its own offset, one after the other, per dtype. */
    private int[] separate(ProgramInfo p) {
        int[] offsets = new int[p.buffers().size()];
        long[] next = new long[DType.values().length];
        for (int b = 0; b < offsets.length; b++) {
            BufferInfo info = p.buffers().get(b);
            int t = info.dtype().ordinal();
            offsets[b] = Math.toIntExact(next[t]);
            next[t] += info.size().eval(dims);
        }
        for (DType t : DType.values()) {
            arenaElements[t.ordinal()] = Math.max(arenaElements[t.ordinal()], next[t.ordinal()]);
        }
        return offsets;
    }

    private ArenaPlan planOf(ProgramInfo p, List<Integer> ids) {
        long[] sizes = new long[ids.size()];
        int[] first = new int[ids.size()];
        int[] last = new int[ids.size()];
        for (int k = 0; k < ids.size(); k++) {
            BufferInfo b = p.buffers().get(ids.get(k));
            sizes[k] = b.size().eval(dims);
            first[k] = b.first();
            last[k] = b.last();
        }
        return ArenaPlanner.plan(sizes, first, last);
    }

    private int size(DType t) {
        long n = arenaElements[t.ordinal()];
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("the " + t + " arena of " + info.name() + " would need " + n
                    + " elements, more than a Java array holds; use a smaller batch");
        }
        return (int) n;
    }

    public Model model() {
        return model;
    }

    /** The bound value of a run-time dim. */
    public int dim(String name) {
        int i = info.dims().indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no dim '" + name + "'");
        }
        return dims[i];
    }

    /** Arena bytes of this executor (all dtypes). */
    public long arenaBytes() {
        long bytes = 0;
        for (DType t : DType.values()) {
            bytes += arenaElements[t.ordinal()] * t.bytes();
        }
        return bytes;
    }

    private IoInfo slot(IoInfo.Kind kind, String name) {
        IoInfo s = slots.getOrDefault(kind, Map.of()).get(name);
        if (s == null) {
            throw new IllegalArgumentException("model " + info.name() + " has no "
                    + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " '" + name + "'");
        }
        return s;
    }

    /** The array behind an input, to fill in place (row-major, of the input's bound shape). */
    public Object inputArray(String name) {
        return io[slot(IoInfo.Kind.INPUT, name).slot()];
    }

    /** The array an output is delivered in, valid until the next run; read it, do not keep it. */
    public Object outputArray(String name) {
        return io[slot(IoInfo.Kind.OUTPUT, name).slot()];
    }

    public int[] inputShape(String name) {
        return slot(IoInfo.Kind.INPUT, name).shape(dims);
    }

    /** Copies a tensor into an input; its shape must be the input's bound shape, its dtype the input's. */
    public void setInput(String name, Tensor value) {
        IoInfo s = slot(IoInfo.Kind.INPUT, name);
        int[] shape = s.shape(dims);
        if (!java.util.Arrays.equals(shape, value.shape())) {
            throw new IllegalArgumentException("input '" + name + "' has shape " + Tensor.shapeString(shape)
                    + " here, got " + value.shapeString());
        }
        Tensor converted = value.dtype() == s.dtype() ? value : convertInput(name, value, s);
        System.arraycopy(converted.data(), 0, io[s.slot()], 0, converted.size());
    }

    private static Tensor convertInput(String name, Tensor value, IoInfo s) {
        if (s.dtype() == DType.I32) {
            throw new IllegalArgumentException("input '" + name + "' is i32, got " + value.dtype());
        }
        return value.to(s.dtype());
    }

    private Tensor read(IoInfo s) {
        Tensor t = Tensor.zeros(s.dtype(), s.shape(dims));
        System.arraycopy(io[s.slot()], 0, t.data(), 0, t.size());
        return t;
    }

    /** A copy of an input's current contents. */
    public Tensor input(String name) {
        return read(slot(IoInfo.Kind.INPUT, name));
    }

    public Tensor output(String name) {
        return read(slot(IoInfo.Kind.OUTPUT, name));
    }

    public Tensor inputGradient(String name) {
        return read(slot(IoInfo.Kind.INPUT_GRAD, name));
    }

    /** The loss of the last evaluate, gradients or step. */
    public double loss() {
        return scalar(slot(IoInfo.Kind.LOSS, "loss"));
    }

    public double metric(String name) {
        return scalar(slot(IoInfo.Kind.METRIC, name));
    }

    /** A metric's whole value: one number for most, the statistics of a kind such as a confusion matrix. */
    public Tensor metricTensor(String name) {
        return read(slot(IoInfo.Kind.METRIC, name));
    }

    private double scalar(IoInfo s) {
        Object a = io[s.slot()];
        return a instanceof float[] f ? f[0] : ((double[]) a)[0];
    }

    private void run(String program) {
        Integer index = programs.get(program);
        if (index == null) {
            throw new IllegalStateException("model " + info.name() + " has no " + program + " program"
                    + (program.equals(ProgramInfo.PREDICT) ? " (it has no outputs)" : " (it needs a loss)"));
        }
        code.run(index);
    }

    /** Computes the outputs from the inputs. */
    public void predict() {
        run(ProgramInfo.PREDICT);
    }

    /** Computes outputs, loss and metrics in evaluation mode. */
    public void evaluate() {
        run(ProgramInfo.EVALUATE);
    }

    /** Computes loss, metrics and the gradient of every trainable parameter (see {@link Model#gradient}). */
    public void gradients() {
        run(ProgramInfo.TRAIN);
    }

    /** One training step: gradients, then the optimizer update with learning rate {@code lr}; returns the loss. */
    public double step(double lr) {
        gradients();
        model.state().step++;
        hyper[0] = lr;
        hyper[1] = model.state().step;
        code.update(hyper);
        return loss();
    }
}
