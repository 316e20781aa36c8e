package nnet.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nnet.compiler.driver.CompiledModel;
import nnet.compiler.driver.MemoryReport;
import nnet.compiler.memory.Buffer;
import nnet.compiler.memory.ProgramPlan;
import nnet.runtime.DType;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.memory.ArenaPlan;
import nnet.testing.Properties;
import org.junit.jupiter.api.Test;

/**
 * The memory plans of random models: planning never needs more arena than giving every temporary its
 * own memory, and never less than the values live at one step need. (That no two values live at one
 * step share memory is checked by the arena planner's own tests; that planning changes no result, by
 * {@link ExecutionConsistencyTest}.)
 */
class MemoryPlanTest {

    @Test
    void plannedArenasAreNoLargerThanUnplannedOnes() {
        Properties.forAll("arena sizes", 150, ExecutionConsistencyTest::eitherPrecision, c -> {
            for (boolean fuse : new boolean[] {true, false}) {
                CompiledModel compiled = Runs.compile(c, fuse).compiled(c.model());
                List<String> dimNames = compiled.layout().dims();
                int[] dims = dimNames.stream().mapToInt(d -> c.dims().get(d)).toArray();
                for (ProgramPlan plan : compiled.plans()) {
                    for (Buffer buffer : plan.buffers()) {
                        assertThat(buffer.first()).as("live interval of %s in %s", buffer, plan.name())
                                .isBetween(0, buffer.last());
                        assertThat(buffer.last()).isLessThan(plan.schedule().size());
                    }
                    for (DType t : DType.values()) {
                        ArenaPlan arena = MemoryReport.plan(plan, t, compiled.layout(), dims);
                        assertThat(arena.arenaSize()).as("%s %s arena of %s", fuse ? "fused" : "unfused", t, plan.name())
                                .isLessThanOrEqualTo(arena.unplannedSize())
                                .isGreaterThanOrEqualTo(arena.lowerBound());
                    }
                }
                Model model = Runs.model(Runs.compile(c, fuse), c);
                Executor planned = Runs.executor(model, c, true);
                Executor unplanned = Runs.executor(model, c, false);
                assertThat(Runs.bitwiseDifferences(Runs.train(planned), Runs.train(unplanned))).isEmpty();
            }
        });
    }
}
