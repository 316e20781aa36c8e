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

    /**
     * The running sums (loss, each metric, then the example count), so that a checkpoint taken within an
     * epoch can resume it and still report the same means.
     */
    double[] sums() {
        double[] all = new double[sums.length + 2];
        all[0] = loss;
        System.arraycopy(sums, 0, all, 1, sums.length);
        all[all.length - 1] = examples;
        return all;
    }

    /** Metrics that continue from {@link #sums()} of an earlier pass over the same names. */
    static Metrics resumed(List<String> names, boolean hasLoss, double[] saved) {
        if (saved.length != names.size() + 2) {
            throw new IllegalArgumentException("running sums of " + (saved.length - 2) + " metrics, expected "
                    + names.size());
        }
        Metrics m = new Metrics(names, hasLoss);
        m.loss = saved[0];
        System.arraycopy(saved, 1, m.sums, 0, m.sums.length);
        m.examples = (long) saved[saved.length - 1];
        return m;
    }
}
