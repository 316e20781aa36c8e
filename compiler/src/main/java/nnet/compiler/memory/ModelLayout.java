package nnet.compiler.memory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nnet.compiler.ir.Graph;
import nnet.compiler.ir.Node;
import nnet.compiler.ir.Root;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.leaf.Input;
import nnet.compiler.ops.leaf.Param;
import nnet.compiler.ops.leaf.State;
import nnet.runtime.DType;
import nnet.runtime.model.Init;

/**
 * Where a model's long-lived values live, shared by all its programs: parameters in one flat array per
 * dtype (trainable ones first, so gradients and optimizer state cover exactly a prefix), state buffers
 * in another, and the input and output arrays the caller exchanges, by slot.
 */
public final class ModelLayout {

    public record ParamSlot(String name, TensorType type, int offset, boolean trainable, Init init) {
    }

    /** A state buffer's place in the flat state array of its dtype. */
    public record StateSlot(String name, TensorType type, int offset, Init init) {
    }

    public enum IoKind { INPUT, OUTPUT, LOSS, METRIC, INPUT_GRAD }

    public record IoSlot(IoKind kind, String name, TensorType type, int slot) {
    }

    private final List<ParamSlot> params = new ArrayList<>();
    private final Map<String, ParamSlot> paramsByName = new LinkedHashMap<>();
    private final List<IoSlot> io = new ArrayList<>();
    private final List<StateSlot> states = new ArrayList<>();
    private final Map<String, StateSlot> statesByName = new LinkedHashMap<>();
    private final int[] stateSize = new int[DType.values().length];
    private final List<String> dims;
    private final int[] paramSize = new int[DType.values().length];
    private final int[] trainableSize = new int[DType.values().length];

    /**
     * Lays out the parameters and io of a model's graphs: the differentiated training graph holding
     * every root the train program delivers and, when the model has modes, the evaluation graph. A name
     * the graphs share is laid out once.
     */
    public ModelLayout(List<Graph> graphs, List<String> dims) {
        this.dims = List.copyOf(dims);
        for (boolean trainablePass : new boolean[] {true, false}) {
            for (Graph g : graphs) {
                for (Node n : g.nodesOf(Param.class)) {
                    Param p = (Param) n.op();
                    if (p.trainable() == trainablePass && !paramsByName.containsKey(p.paramName())) {
                        addParam(p);
                    }
                }
            }
        }
        for (Graph g : graphs) {
            for (Node n : g.nodesOf(State.class)) {
                addState((State) n.op());
            }
        }
        for (Graph g : graphs) {
            for (Node n : g.nodesOf(Input.class)) {
                Input in = (Input) n.op();
                addIo(IoKind.INPUT, in.inputName(), in.type());
            }
        }
        for (Graph g : graphs) {
            for (Root r : g.roots()) {
                IoKind kind = switch (r.kind()) {
                    case OUTPUT -> IoKind.OUTPUT;
                    case LOSS -> IoKind.LOSS;
                    case METRIC -> IoKind.METRIC;
                    case INPUT_GRAD -> IoKind.INPUT_GRAD;
                    case GRAD, STATE, CARRY, STEP -> null;
                };
                if (kind != null) {
                    addIo(kind, r.name(), g.type(r.node()));
                }
            }
        }
    }

    private void addIo(IoKind kind, String name, TensorType type) {
        if (io.stream().noneMatch(s -> s.kind() == kind && s.name().equals(name))) {
            io.add(new IoSlot(kind, name, type, io.size()));
        }
    }

    private void addState(State s) {
        if (statesByName.containsKey(s.stateName())) {
            return;
        }
        int t = s.type().dtype().ordinal();
        long size = s.type().shape().numel().value();
        if (stateSize[t] + size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the state buffers of dtype " + s.type().dtype() + " exceed 2^31 elements");
        }
        StateSlot slot = new StateSlot(s.stateName(), s.type(), stateSize[t], s.init());
        stateSize[t] += (int) size;
        states.add(slot);
        statesByName.put(s.stateName(), slot);
    }

    private void addParam(Param p) {
        int t = p.type().dtype().ordinal();
        long size = p.type().shape().numel().value();
        if (paramSize[t] + size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the parameters of dtype " + p.type().dtype() + " exceed 2^31 elements");
        }
        ParamSlot slot = new ParamSlot(p.paramName(), p.type(), paramSize[t], p.trainable(), p.init());
        paramSize[t] += (int) size;
        if (p.trainable()) {
            trainableSize[t] += (int) size;
        }
        params.add(slot);
        paramsByName.put(p.paramName(), slot);
    }

    public List<ParamSlot> params() {
        return params;
    }

    public ParamSlot param(String name) {
        return paramsByName.get(name);
    }

    public List<StateSlot> states() {
        return states;
    }

    public StateSlot state(String name) {
        return statesByName.get(name);
    }

    public int stateSize(DType t) {
        return stateSize[t.ordinal()];
    }

    public List<IoSlot> io() {
        return io;
    }

    public IoSlot io(IoKind kind, String name) {
        return io.stream().filter(s -> s.kind() == kind && s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + kind + " named " + name));
    }

    public List<String> dims() {
        return dims;
    }

    public int paramSize(DType t) {
        return paramSize[t.ordinal()];
    }

    public int trainableSize(DType t) {
        return trainableSize[t.ordinal()];
    }
}
