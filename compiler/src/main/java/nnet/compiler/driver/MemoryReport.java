package nnet.compiler.driver;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.codegen.Storage;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Graph;
import nnet.compiler.memory.Buffer;
import nnet.compiler.memory.LoopPlan;
import nnet.compiler.memory.ModelLayout;
import nnet.compiler.memory.ProgramPlan;
import nnet.runtime.DType;
import nnet.runtime.memory.ArenaPlan;
import nnet.runtime.memory.ArenaPlanner;
import nnet.runtime.memory.ByteSize;

/** Memory-plan figures of a program for given dim values: planned arena, unplanned sum, lower bound. */
public final class MemoryReport {
    private MemoryReport() {
    }

    /** The plan of one dtype's buffers for the given dim values (in layout order). */
    public static ArenaPlan plan(ProgramPlan plan, DType dtype, ModelLayout layout, int[] dimValues) {
        List<Buffer> buffers = plan.buffers().stream().filter(b -> b.dtype() == dtype).toList();
        long[] sizes = new long[buffers.size()];
        int[] first = new int[buffers.size()];
        int[] last = new int[buffers.size()];
        for (int i = 0; i < buffers.size(); i++) {
            Buffer b = buffers.get(i);
            sizes[i] = ModelInfoBuilder.size(b.size(), layout.dims()).eval(dimValues);
            first[i] = b.first();
            last[i] = b.last();
        }
        return ArenaPlanner.plan(sizes, first, last);
    }

    /**
     * One line per dtype that has temporaries, e.g. "f32 arena 1.20 MB (unplanned 3.40 MB, lower bound
     * 1.10 MB)": the planned arena, the sum of all temporaries if each had memory of its own (no reuse,
     * not even in place), and the most bytes live at one step.
     */
    public static List<String> lines(ProgramPlan plan, ModelLayout layout, int[] dimValues) {
        List<String> out = new ArrayList<>();
        for (DType t : DType.values()) {
            if (plan.buffers().stream().anyMatch(b -> b.dtype() == t)) {
                ArenaPlan p = plan(plan, t, layout, dimValues);
                out.add(t + " arena " + ByteSize.format(p.arenaSize(), t.bytes())
                        + " (unplanned " + ByteSize.format(unplanned(plan, t, layout, dimValues), t.bytes())
                        + ", lower bound " + ByteSize.format(p.lowerBound(), t.bytes()) + ")");
            }
        }
        return out;
    }

    /**
     * Elements of all arena temporaries of a dtype, each counted as if it had memory of its own: kernel
     * results and scratch, and in loops each body temporary once and each carry's second buffer.
     */
    public static long unplanned(ProgramPlan plan, DType dtype, ModelLayout layout, int[] dimValues) {
        long total = unplanned(plan.graph(), plan.schedule(), plan.storage(), plan.scratch(), plan, dtype, layout,
                dimValues);
        for (LoopPlan loop : plan.loops().values()) {
            total += unplanned(loop.body(), loop.schedule(), loop.storage(), loop.scratch(), plan, dtype, layout,
                    dimValues);
            for (Storage start : loop.carryStart()) {
                if (((Storage.Carry) start).other() instanceof Storage.Arena a && a.dtype() == dtype) {
                    total += elements(plan.buffers().get(a.buffer()).size(), layout, dimValues);
                }
            }
        }
        return total;
    }

    private static long unplanned(Graph g, List<Integer> schedule, Storage[] storage, Storage[] scratch,
                                  ProgramPlan plan, DType dtype, ModelLayout layout, int[] dimValues) {
        long total = 0;
        for (int id : schedule) {
            if (scratch[id] instanceof Storage.Arena a && a.dtype() == dtype) {
                total += elements(plan.buffers().get(a.buffer()).size(), layout, dimValues);
            }
            Storage s = storage[id];
            List<Storage> parts = s instanceof Storage.Tuple t ? t.results() : List.of(s);
            for (int k = 0; k < parts.size(); k++) {
                if (parts.get(k) instanceof Storage.Arena a && a.dtype() == dtype) {
                    total += elements(g.node(id).result(k).shape().numel(), layout, dimValues);
                }
            }
        }
        return total;
    }

    private static long elements(Dim numel, ModelLayout layout, int[] dimValues) {
        return ModelInfoBuilder.size(numel, layout.dims()).eval(dimValues);
    }

    /** The buffers of a program with their sizes and live steps, for --dump-ir=memory. */
    static String describe(ProgramPlan plan, ModelLayout layout) {
        StringBuilder sb = new StringBuilder();
        sb.append("program ").append(plan.name()).append(": ").append(plan.schedule().size()).append(" kernels, ")
                .append(plan.buffers().size()).append(" arena buffers\n");
        for (int i = 0; i < plan.buffers().size(); i++) {
            Buffer b = plan.buffers().get(i);
            sb.append("  buffer ").append(i).append(": ").append(b.dtype()).append('[').append(b.size())
                    .append("] live ").append(b.first()).append("..").append(b.last()).append('\n');
        }
        for (int step = 0; step < plan.schedule().size(); step++) {
            int id = plan.schedule().get(step);
            sb.append("  step ").append(step).append(": %").append(id).append(' ')
                    .append(plan.graph().node(id).op().name()).append(" -> ").append(plan.storage()[id]).append('\n');
        }
        return sb.toString();
    }
}
