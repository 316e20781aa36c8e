package nnet.compiler.memory;

import java.util.List;
import nnet.compiler.codegen.Storage;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Graph;
import nnet.compiler.ops.loop.Loop;

/**
 * A loop node ready for code generation: how many steps it runs, its body's kernels in order and where
 * each body value lives, and for each carry where its initial value is and the buffer the first step
 * reads, into which the loop copies it before the first step.
 */
public record LoopPlan(Loop loop, Dim steps, Graph body, List<Integer> schedule, Storage[] storage,
                       Storage[] scratch, List<Storage> carryInit, List<Storage> carryStart) {
    public LoopPlan {
        schedule = List.copyOf(schedule);
        carryInit = List.copyOf(carryInit);
        carryStart = List.copyOf(carryStart);
    }
}
