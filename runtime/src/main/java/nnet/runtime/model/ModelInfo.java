package nnet.runtime.model;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nnet.runtime.DType;

/**
 * Everything the runtime knows about a compiled model besides its code: run-time dims, the arrays it
 * exchanges, its parameters, its state buffers, its programs and how it trains. Stored beside the generated class in a
 * model JAR, or handed over directly when a model is compiled in memory. {@code slotInitial} has one entry per
 * optimizer slot (array of state laid out like the trainable parameters): the value every element of that slot
 * starts from (0 for moments; Adagrad's initial_accumulator_value). {@code layers} lists the source's calls
 * that declare parameters, for summaries; {@code metricKinds} says how each metric not averaged plainly is
 * accumulated (see {@code MetricKind}); {@code flops} counts each program's floating-point operations as a
 * sum of sizes in the run-time dims.
 */
public record ModelInfo(String name, String className, List<String> dims, List<IoInfo> io, List<ParamInfo> params,
                        List<StateInfo> states, List<ProgramInfo> programs, TrainConfig train, int[] paramSizes,
                        int[] trainableSizes, int[] stateSizes, double[] slotInitial, String optimizer,
                        List<LayerInfo> layers, Map<String, String> metricKinds, Map<String, List<Size>> flops)
        implements Serializable {
    private static final long serialVersionUID = 2L;

    /** A description without layers, metric kinds or operation counts (models built by hand). */
    public ModelInfo(String name, String className, List<String> dims, List<IoInfo> io, List<ParamInfo> params,
                     List<StateInfo> states, List<ProgramInfo> programs, TrainConfig train, int[] paramSizes,
                     int[] trainableSizes, int[] stateSizes, double[] slotInitial, String optimizer) {
        this(name, className, dims, io, params, states, programs, train, paramSizes, trainableSizes, stateSizes,
                slotInitial, optimizer, List.of(), Map.of(), Map.of());
    }

    /** How metric {@code metricName} is accumulated: "mean" unless the compiler recorded another kind. */
    public String metricKind(String metricName) {
        return metricKinds.getOrDefault(metricName, "mean");
    }

    /** How many optimizer slots the model keeps. */
    public int slots() {
        return slotInitial.length;
    }

    /** The value the elements of optimizer slot {@code k} start from, and return to on a reset. */
    public double slotInitial(int k) {
        return slotInitial[k];
    }

    public Optional<ProgramInfo> program(String programName) {
        return programs.stream().filter(p -> p.name().equals(programName)).findFirst();
    }

    public Optional<IoInfo> io(IoInfo.Kind kind, String ioName) {
        return io.stream().filter(s -> s.kind() == kind && s.name().equals(ioName)).findFirst();
    }

    public List<IoInfo> io(IoInfo.Kind kind) {
        return io.stream().filter(s -> s.kind() == kind).toList();
    }

    public Optional<ParamInfo> param(String paramName) {
        return params.stream().filter(p -> p.name().equals(paramName)).findFirst();
    }

    public Optional<StateInfo> state(String stateName) {
        return states.stream().filter(s -> s.name().equals(stateName)).findFirst();
    }

    public int stateSize(DType t) {
        return stateSizes[t.ordinal()];
    }

    public int paramSize(DType t) {
        return paramSizes[t.ordinal()];
    }

    public int trainableSize(DType t) {
        return trainableSizes[t.ordinal()];
    }

    public long parameterCount() {
        return params.stream().mapToLong(ParamInfo::size).sum();
    }
}
