package nnet.compiler.driver;

import java.util.List;
import nnet.compiler.memory.ModelLayout;
import nnet.compiler.memory.ProgramPlan;
import nnet.runtime.model.ModelInfo;

/**
 * The output of compiling one model: its metadata, its generated class, and the plans behind them;
 * {@code modeDependent} when its train program computes differently from predict and evaluate
 * (dropout, batch statistics).
 */
public record CompiledModel(ModelInfo info, String internalName, byte[] classBytes, ModelLayout layout,
                            List<ProgramPlan> plans, List<String> warnings, boolean modeDependent) {

    public String className() {
        return internalName.replace('/', '.');
    }
}
