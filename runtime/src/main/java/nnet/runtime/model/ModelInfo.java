package nnet.runtime.model;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import nnet.runtime.DType;

/**
 * Everything the runtime knows about a compiled model besides its code: run-time dims, the arrays it
 * exchanges, its parameters, its state buffers, its programs and how it trains. Stored beside the generated class in a
 * model JAR, or handed over directly when a model is compiled in memory.
 */
public record ModelInfo(String name, String className, List<String> dims, List<IoInfo> io, List<ParamInfo> params,
                        List<StateInfo> states, List<ProgramInfo> programs, TrainConfig train, int[] paramSizes,
                        int[] trainableSizes, int[] stateSizes, int slots, String optimizer) implements Serializable {
    private static final long serialVersionUID = 1L;

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
