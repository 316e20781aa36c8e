package nnet.runtime.cli;

import java.util.Locale;
import nnet.runtime.Plural;
import nnet.runtime.model.IoInfo;
import nnet.runtime.model.ModelInfo;
import nnet.runtime.model.ParamInfo;
import nnet.runtime.model.StateInfo;

/**
 * A readable description of a compiled model: its arrays; a table of its layers with their output shapes
 * and parameter counts; totals, operation counts and memory; then every parameter, state buffer,
 * program and the training settings.
 */
public final class Summary {
    private Summary() {
    }

    public static String of(ModelInfo info) {
        StringBuilder sb = new StringBuilder();
        sb.append("model ").append(info.name()).append('\n');
        if (!info.dims().isEmpty()) {
            sb.append("  run-time dims: ").append(String.join(", ", info.dims())).append('\n');
        }
        for (IoInfo io : info.io()) {
            sb.append("  ").append(io.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(' ')
                    .append(io.name()).append(": ").append(io.describe(info.dims())).append('\n');
        }
        sb.append('\n').append(LayerTable.of(info)).append(CostLines.of(info)).append('\n');
        sb.append(String.format(Locale.ROOT, "  parameters: %,d%n", info.parameterCount()));
        for (ParamInfo p : info.params()) {
            sb.append("    ").append(p.name()).append(": ").append(p.dtype())
                    .append(java.util.Arrays.toString(p.shape())).append(" = ").append(p.init().describe())
                    .append(p.trainable() ? "" : " (frozen)").append('\n');
        }
        if (!info.states().isEmpty()) {
            sb.append("  state buffers:\n");
        }
        for (StateInfo st : info.states()) {
            sb.append("    ").append(st.name()).append(": ").append(st.dtype())
                    .append(java.util.Arrays.toString(st.shape())).append(" = ").append(st.init().describe()).append('\n');
        }
        if (info.train() != null) {
            sb.append("  training: ").append(info.optimizer()).append(", batch ").append(info.train().batch())
                    .append(", ").append(Plural.of(info.train().epochs(), "epoch")).append(", seed ").append(info.train().seed())
                    .append(info.train().validation() > 0 ? ", validation " + info.train().validation() : "")
                    .append('\n');
        }
        return sb.toString();
    }
}
