package nnet.compiler.memory;

import java.util.List;
import java.util.Map;
import nnet.compiler.codegen.Storage;
import nnet.compiler.ir.Graph;

/**
 * One program ready for code generation: its optimised graph, the kernels in execution order, where
 * every value lives, the scratch memory of the kernels that need some (null elsewhere), the arena
 * buffers with their live intervals, and the plan of each loop node.
 */
public record ProgramPlan(String name, int index, Graph graph, List<Integer> schedule, Storage[] storage,
                          Storage[] scratch, List<Buffer> buffers, Map<Integer, LoopPlan> loops) {
    public ProgramPlan {
        loops = Map.copyOf(loops);
    }
}
