package nnet.compiler.driver;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.memory.Buffer;
import nnet.compiler.memory.ModelLayout;
import nnet.compiler.memory.ProgramPlan;
import nnet.runtime.DType;
import nnet.runtime.memory.ArenaPlan;
import nnet.runtime.memory.ArenaPlanner;

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

    /** One line per dtype that has buffers, e.g. "f32 arena 1.2 MB (unplanned 3.4 MB, lower bound 1.1 MB)". */
    public static List<String> lines(ProgramPlan plan, ModelLayout layout, int[] dimValues) {
        List<String> out = new ArrayList<>();
        for (DType t : DType.values()) {
            if (plan.buffers().stream().anyMatch(b -> b.dtype() == t)) {
                out.add(t + " " + plan(plan, t, layout, dimValues).summary(t.bytes()));
            }
        }
        return out;
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
