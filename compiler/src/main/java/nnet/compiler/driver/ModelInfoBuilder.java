package nnet.compiler.driver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nnet.compiler.codegen.Storage;
import nnet.compiler.frontend.ElaboratedModel;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Node;
import nnet.compiler.ir.Shape;
import nnet.compiler.memory.Buffer;
import nnet.compiler.memory.ModelLayout;
import nnet.compiler.memory.ProgramPlan;
import nnet.runtime.DType;
import nnet.runtime.model.BufferInfo;
import nnet.runtime.model.IoInfo;
import nnet.runtime.model.ModelInfo;
import nnet.runtime.model.ParamInfo;
import nnet.runtime.model.ProgramInfo;
import nnet.runtime.model.Size;
import nnet.runtime.model.StateInfo;
import nnet.runtime.model.TrainConfig;

/** Translates the compiler's layout and plans into the runtime's {@link ModelInfo}. */
final class ModelInfoBuilder {
    private ModelInfoBuilder() {
    }

    static ModelInfo build(ElaboratedModel model, String className, ModelLayout layout, List<ProgramPlan> plans,
                           TrainConfig train, double[] slotInitial) {
        List<String> dims = layout.dims();
        List<IoInfo> io = new ArrayList<>();
        for (ModelLayout.IoSlot s : layout.io()) {
            io.add(new IoInfo(IoInfo.Kind.valueOf(s.kind().name()), s.name(), s.type().dtype(),
                    sizes(s.type().shape(), dims), s.slot()));
        }
        List<ParamInfo> params = new ArrayList<>();
        for (ModelLayout.ParamSlot p : layout.params()) {
            params.add(new ParamInfo(p.name(), p.type().dtype(), staticShape(p.type().shape()), p.offset(),
                    p.trainable(), p.init()));
        }
        List<StateInfo> states = new ArrayList<>();
        int[] stateSizes = new int[DType.values().length];
        for (ModelLayout.StateSlot st : layout.states()) {
            states.add(new StateInfo(st.name(), st.type().dtype(), staticShape(st.type().shape()), st.offset(), st.init()));
        }
        for (DType t : DType.values()) {
            stateSizes[t.ordinal()] = layout.stateSize(t);
        }
        List<ProgramInfo> programs = new ArrayList<>();
        for (ProgramPlan plan : plans) {
            programs.add(program(plan, dims));
        }
        int[] paramSizes = new int[DType.values().length];
        int[] trainable = new int[DType.values().length];
        for (DType t : DType.values()) {
            if (t.isFloat()) {
                paramSizes[t.ordinal()] = layout.paramSize(t);
                trainable[t.ordinal()] = layout.trainableSize(t);
            }
        }
        Map<String, List<Size>> flops = new LinkedHashMap<>();
        for (ProgramPlan plan : plans) {
            flops.put(plan.name(), terms(FlopCount.of(plan.graph()), dims));
        }
        return new ModelInfo(model.name(), className, dims, io, params, states, programs, train, paramSizes, trainable,
                stateSizes, slotInitial,
                train == null ? null : train.optimizer().describe(), model.layers(), model.metricKinds(), flops);
    }

    private static List<Size> terms(Map<List<String>, Long> terms, List<String> dims) {
        List<Size> out = new ArrayList<>();
        terms.forEach((symbols, factor) -> {
            // Every dim of a program's shapes is one of the model's; a term with another would be unreadable.
            if (dims.containsAll(symbols)) {
                out.add(new Size(factor, symbols.stream().mapToInt(dims::indexOf).toArray()));
            }
        });
        return out;
    }

    private static ProgramInfo program(ProgramPlan plan, List<String> dims) {
        List<Integer> reads = new ArrayList<>();
        List<Integer> writes = new ArrayList<>();
        for (Node n : plan.graph().nodes()) {
            if (plan.storage()[n.id()] instanceof Storage.Io io) {
                (n.op() instanceof nnet.compiler.ops.leaf.Input ? reads : writes).add(io.slot());
            }
        }
        List<BufferInfo> buffers = new ArrayList<>();
        for (Buffer b : plan.buffers()) {
            buffers.add(new BufferInfo(b.dtype(), size(b.size(), dims), b.first(), b.last()));
        }
        return new ProgramInfo(plan.name(), plan.index(), reads, writes.stream().distinct().toList(), buffers,
                plan.schedule().size());
    }

    static List<Size> sizes(Shape s, List<String> dims) {
        return s.dims().stream().map(d -> size(d, dims)).toList();
    }

    static Size size(Dim d, List<String> dims) {
        int[] idx = d.symbols().stream().mapToInt(dims::indexOf).toArray();
        return new Size(d.factor(), idx);
    }

    private static int[] staticShape(Shape s) {
        return s.dims().stream().mapToInt(d -> Math.toIntExact(d.value())).toArray();
    }
}
