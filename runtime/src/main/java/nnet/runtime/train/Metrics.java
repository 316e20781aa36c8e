package nnet.runtime.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nnet.runtime.Executor;

/** Example-weighted means of the loss and the metrics over the batches of a pass. */
public final class Metrics {
    private final List<String> names;
    private final boolean hasLoss;
    private double loss;
    private final double[] sums;
    private long examples;

    Metrics(List<String> names, boolean hasLoss) {
        this.names = names;
        this.hasLoss = hasLoss;
        this.sums = new double[names.size()];
    }

    void add(Executor ex, int count) {
        if (hasLoss) {
            loss += ex.loss() * count;
        }
        for (int i = 0; i < names.size(); i++) {
            sums[i] += ex.metric(names.get(i)) * count;
        }
        examples += count;
    }

    public double loss() {
        return examples == 0 ? Double.NaN : loss / examples;
    }

    public Map<String, Double> metrics() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), examples == 0 ? Double.NaN : sums[i] / examples);
        }
        return out;
    }

    public long examples() {
        return examples;
    }

    /** "loss 0.1234  accuracy 0.9650", each name with a prefix such as "val_". */
    public String format(String prefix) {
        StringBuilder sb = new StringBuilder();
        if (hasLoss) {
            sb.append(prefix).append("loss ").append(String.format(java.util.Locale.ROOT, "%.4f", loss()));
        }
        metrics().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "  ").append(prefix).append(k).append(' ')
                .append(String.format(java.util.Locale.ROOT, "%.4f", v)));
        return sb.toString();
    }
}
