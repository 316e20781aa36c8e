package nnet.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import nnet.runtime.memory.MemoryNeeds;
import nnet.runtime.model.ModelInfo;
import nnet.runtime.model.ParamInfo;
import nnet.runtime.model.StateInfo;

/**
 * A compiled model with its parameters and optimizer state. It hands out {@link Executor}s, one per
 * binding of the run-time dims (batch size...), which all share these parameters.
 */
public final class Model {
    private final ModelInfo info;
    private final MethodHandle constructor;
    private final ModelState state;

    private Model(ModelInfo info, MethodHandle constructor) {
        this.info = info;
        this.constructor = constructor;
        MemoryNeeds.check(MemoryNeeds.model(info), "model " + info.name());
        this.state = new ModelState(info.paramSize(DType.F32), info.paramSize(DType.F64),
                info.trainableSize(DType.F32), info.trainableSize(DType.F64), info.slots(), info.stateSizes());
    }

    /** Wraps generated code; parameters start initialised from the training seed (0 without one). */
    public static Model of(ModelInfo info, Class<?> code) {
        // Starts the vector kernels' warm-up, if any, while the caller loads its data.
        nnet.runtime.kernels.Simd.enabled();
        try {
            MethodHandle ctor = MethodHandles.publicLookup().findConstructor(code, MethodType.methodType(void.class,
                    ModelState.class, ModelCode.Arena.class, Object[].class, int[].class, int[][].class));
            Model m = new Model(info, ctor);
            m.initialize(info.train() == null ? 0 : info.train().seed());
            return m;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("generated class " + code.getName() + " does not fit this runtime", e);
        }
    }

    public ModelInfo info() {
        return info;
    }

    ModelState state() {
        return state;
    }

    MethodHandle constructor() {
        return constructor;
    }

    /**
     * Draws every parameter from its initialiser. Each parameter has its own random stream derived from
     * the seed and its name, so adding a parameter does not change how the others start. State buffers
     * start from their initialisers too. Also resets the optimizer, and makes the seed that of the
     * model's random ops.
     */
    public void initialize(long seed) {
        state.seed = seed;
        for (ParamInfo p : info.params()) {
            double[] values = new double[p.size()];
            p.init().fill(values, p.shape(), new SplittableRandom(seed ^ mix(p.name())));
            write(p, values);
        }
        for (StateInfo s : info.states()) {
            double[] values = new double[s.size()];
            s.init().fill(values, s.shape(), new SplittableRandom(seed ^ mix(s.name())));
            setState(s.name(), Tensor.of(values, s.shape()));
        }
        resetOptimizer();
    }

    private static long mix(String name) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < name.length(); i++) {
            h = (h ^ name.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    /**
     * Forgets optimizer state: the step count returns to 0 and every slot to its initial value (0 for
     * moments, Adagrad's initial_accumulator_value), as a fresh torch.optim optimizer. Optimizer state is
     * not part of the weights ({@code Weights} saves parameters and state buffers), so training after
     * loading weights starts from this state too.
     */
    public void resetOptimizer() {
        for (int k = 0; k < info.slots(); k++) {
            java.util.Arrays.fill(state.slotsF[k], (float) info.slotInitial(k));
            java.util.Arrays.fill(state.slotsD[k], info.slotInitial(k));
        }
        state.step = 0;
    }

    /** Optimizer steps taken since the last reset. */
    public long steps() {
        return state.step;
    }

    /**
     * Sets the optimizer step count, as when training resumes from a checkpoint: Adam's bias correction
     * and the random ops' streams depend on it.
     */
    public void restoreSteps(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("a step count is ≥ 0, got " + steps);
        }
        state.step = steps;
    }

    /** The seed of the random ops (dropout...): the one the parameters were last initialised from. */
    public long randomSeed() {
        return state.seed;
    }

    private ParamInfo trainable(String name) {
        ParamInfo p = paramInfo(name);
        if (!p.trainable()) {
            throw new IllegalArgumentException("parameter '" + name + "' is frozen and has no optimizer state");
        }
        return p;
    }

    private void checkSlot(int k) {
        if (k < 0 || k >= info.slots()) {
            throw new IllegalArgumentException("optimizer " + info.optimizer() + " has " + info.slots()
                    + " slots, not slot " + k);
        }
    }

    /** A copy of optimizer slot {@code k} (a moment, Adagrad's sum...) of a trainable parameter. */
    public Tensor optimizerSlot(int k, String name) {
        checkSlot(k);
        ParamInfo p = trainable(name);
        Tensor t = Tensor.zeros(p.dtype(), p.shape());
        System.arraycopy(p.dtype() == DType.F32 ? state.slotsF[k] : state.slotsD[k], p.offset(), t.data(), 0, p.size());
        return t;
    }

    /** Sets optimizer slot {@code k} of a trainable parameter from a tensor of its shape and dtype. */
    public void setOptimizerSlot(int k, String name, Tensor value) {
        checkSlot(k);
        ParamInfo p = trainable(name);
        if (!java.util.Arrays.equals(p.shape(), value.shape()) || value.dtype() != p.dtype()) {
            throw new IllegalArgumentException("optimizer slot " + k + " of '" + name + "' is " + p.dtype()
                    + Tensor.shapeString(p.shape()) + ", got " + value.dtype() + value.shapeString());
        }
        System.arraycopy(value.data(), 0, p.dtype() == DType.F32 ? state.slotsF[k] : state.slotsD[k], p.offset(),
                p.size());
    }

    private void write(ParamInfo p, double[] values) {
        if (p.dtype() == DType.F32) {
            for (int i = 0; i < values.length; i++) {
                state.paramsF[p.offset() + i] = (float) values[i];
            }
        } else {
            System.arraycopy(values, 0, state.paramsD, p.offset(), values.length);
        }
    }

    private ParamInfo paramInfo(String name) {
        return info.param(name).orElseThrow(() -> new IllegalArgumentException(
                "model " + info.name() + " has no parameter '" + name + "'"));
    }

    /** A copy of a parameter. */
    public Tensor parameter(String name) {
        ParamInfo p = paramInfo(name);
        Tensor t = Tensor.zeros(p.dtype(), p.shape());
        System.arraycopy(p.dtype() == DType.F32 ? state.paramsF : state.paramsD, p.offset(), t.data(), 0, p.size());
        return t;
    }

    /** Sets a parameter from a tensor of its shape; f32 and f64 convert into the parameter's dtype. */
    public void setParameter(String name, Tensor value) {
        ParamInfo p = paramInfo(name);
        if (!java.util.Arrays.equals(p.shape(), value.shape())) {
            throw new IllegalArgumentException("parameter '" + name + "' has shape " + Tensor.shapeString(p.shape())
                    + ", got " + value.shapeString());
        }
        if (!value.dtype().isFloat()) {
            throw new IllegalArgumentException("parameter '" + name + "' is " + p.dtype() + ", got " + value.dtype());
        }
        Tensor converted = value.dtype() == p.dtype() ? value : value.to(p.dtype());
        System.arraycopy(converted.data(), 0, p.dtype() == DType.F32 ? state.paramsF : state.paramsD, p.offset(), p.size());
    }

    /** Copies of all parameters, in declaration order. */
    public Map<String, Tensor> parameters() {
        Map<String, Tensor> all = new LinkedHashMap<>();
        for (ParamInfo p : info.params()) {
            all.put(p.name(), parameter(p.name()));
        }
        return all;
    }

    private StateInfo stateInfo(String name) {
        return info.state(name).orElseThrow(() -> new IllegalArgumentException(
                "model " + info.name() + " has no state buffer '" + name + "'"));
    }

    /** A copy of a state buffer (running statistics...). */
    public Tensor state(String name) {
        StateInfo s = stateInfo(name);
        Tensor t = Tensor.zeros(s.dtype(), s.shape());
        System.arraycopy(stateArray(s.dtype()), s.offset(), t.data(), 0, s.size());
        return t;
    }

    /**
     * Sets a state buffer from a tensor of its shape; floats convert between f32 and f64, and an i32
     * buffer takes integral values of any numeric tensor.
     */
    public void setState(String name, Tensor value) {
        StateInfo s = stateInfo(name);
        if (!java.util.Arrays.equals(s.shape(), value.shape())) {
            throw new IllegalArgumentException("state buffer '" + name + "' has shape " + Tensor.shapeString(s.shape())
                    + ", got " + value.shapeString());
        }
        if (s.dtype() == DType.I32 && value.dtype().isFloat()) {
            for (int i = 0; i < value.size(); i++) {
                double v = value.getDouble(i);
                if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("state buffer '" + name + "' is i32, got " + v);
                }
            }
        }
        Tensor converted = value.dtype() == s.dtype() ? value : value.to(s.dtype());
        System.arraycopy(converted.data(), 0, stateArray(s.dtype()), s.offset(), s.size());
    }

    /** Copies of all state buffers, in declaration order. */
    public Map<String, Tensor> states() {
        Map<String, Tensor> all = new LinkedHashMap<>();
        for (StateInfo s : info.states()) {
            all.put(s.name(), state(s.name()));
        }
        return all;
    }

    private Object stateArray(DType t) {
        return switch (t) {
            case F32 -> state.stateF;
            case F64 -> state.stateD;
            case I32 -> state.stateI;
        };
    }

    /** The gradient of the last gradients/step run of any executor, for a trainable parameter. */
    public Tensor gradient(String name) {
        ParamInfo p = paramInfo(name);
        if (!p.trainable()) {
            throw new IllegalArgumentException("parameter '" + name + "' is frozen and has no gradient");
        }
        Tensor t = Tensor.zeros(p.dtype(), p.shape());
        System.arraycopy(p.dtype() == DType.F32 ? state.gradsF : state.gradsD, p.offset(), t.data(), 0, p.size());
        return t;
    }

    /** An executor for a batch size, when the model has exactly one run-time dim (or none). */
    public Executor executor(int batch) {
        if (info.dims().size() > 1) {
            throw new IllegalArgumentException("model " + info.name() + " has run-time dims " + info.dims()
                    + "; bind them all with executor(Map)");
        }
        return executor(info.dims().isEmpty() ? Map.of() : Map.of(info.dims().get(0), batch));
    }

    /** An executor for the given values of the run-time dims. */
    public Executor executor(Map<String, Integer> dims) {
        return executor(dims, true);
    }

    /**
     * An executor whose arena is planned ({@code planned}) or gives every temporary memory of its own; the
     * latter exists to check that planning never changes a result.
     */
    public Executor executor(Map<String, Integer> dims, boolean planned) {
        int[] values = new int[info.dims().size()];
        for (int i = 0; i < values.length; i++) {
            Integer v = dims.get(info.dims().get(i));
            if (v == null || v < 0) {
                throw new IllegalArgumentException("dim '" + info.dims().get(i) + "' needs a value ≥ 0");
            }
            values[i] = v;
        }
        for (String name : dims.keySet()) {
            if (!info.dims().contains(name)) {
                throw new IllegalArgumentException("model " + info.name() + " has no dim '" + name + "'");
            }
        }
        return new Executor(this, values, planned);
    }
}
