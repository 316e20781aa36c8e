package nnet.runtime.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nnet.runtime.Executor;
import nnet.runtime.Tensor;

/**
 * The loss and the metrics over the batches of a pass: example-weighted means of each batch's loss and
 * metric statistics, which each metric's {@link MetricKind} then turns into its figure.
 */
public final class Metrics {
    private final List<String> names;
    private final boolean hasLoss;
    private final MetricKind[] kinds;
    private final double[][] sums;
    private double loss;
    private long examples;

    Metrics(List<String> names, boolean hasLoss) {
        this.names = names;
        this.hasLoss = hasLoss;
        this.kinds = new MetricKind[names.size()];
        this.sums = new double[names.size()][];
    }

    void add(Executor ex, int count) {
        for (int i = 0; i < names.size(); i++) {
            if (kinds[i] == null) {
                kinds[i] = MetricKind.of(ex.model().info().metricKind(names.get(i)));
            }
            add(i, kinds[i] == MetricKind.MEAN ? new double[] {ex.metric(names.get(i))}
                    : values(ex.metricTensor(names.get(i))), count);
        }
        addLoss(hasLoss ? ex.loss() : 0, count);
    }

    /** Counts {@code count} more examples whose mean loss is {@code batchLoss}. */
    void addLoss(double batchLoss, int count) {
        loss += batchLoss * count;
        examples += count;
    }

    private void add(int metric, double[] values, int count) {
        if (sums[metric] == null) {
            sums[metric] = new double[values.length];
        }
        for (int k = 0; k < values.length; k++) {
            sums[metric][k] += values[k] * count;
        }
    }

    private static double[] values(Tensor t) {
        double[] v = new double[t.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = t.getDouble(k);
        }
        return v;
    }

    public double loss() {
        return examples == 0 ? Double.NaN : loss / examples;
    }

    /** The metrics that are single numbers, in declaration order. */
    public Map<String, Double> metrics() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (kinds[i] == null || kinds[i].scalar()) {
                out.put(names.get(i), examples == 0 ? Double.NaN : kinds[i].finish(means(i)));
            }
        }
        return out;
    }

    /** The confusion matrices, as counts (row: target class, column: predicted class). */
    public Map<String, long[][]> matrices() {
        Map<String, long[][]> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (kinds[i] == MetricKind.CONFUSION) {
                out.put(names.get(i), Classification.counts(means(i), examples));
            }
        }
        return out;
    }

    private double[] means(int metric) {
        double[] m = sums[metric].clone();
        for (int k = 0; k < m.length; k++) {
            m[k] /= examples;
        }
        return m;
    }

    public long examples() {
        return examples;
    }

    /** "loss 0.1234  accuracy 0.9650", each name with a prefix such as "val_"; matrices left out. */
    public String format(String prefix) {
        StringBuilder sb = new StringBuilder();
        if (hasLoss) {
            sb.append(prefix).append("loss ").append(String.format(Locale.ROOT, "%.4f", loss()));
        }
        metrics().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "  ").append(prefix).append(k).append(' ')
                .append(String.format(Locale.ROOT, "%.4f", v)));
        return sb.toString();
    }

    /**
     * The running sums, so that a checkpoint taken within an epoch can resume it and still report the same
     * figures: the loss, then for each metric its kind (the ordinal, -1 before any batch), the length of its
     * statistic and its sums, then the example count.
     */
    double[] sums() {
        List<Double> all = new java.util.ArrayList<>();
        all.add(loss);
        for (int i = 0; i < names.size(); i++) {
            all.add(kinds[i] == null ? -1.0 : kinds[i].ordinal());
            all.add(sums[i] == null ? 0.0 : sums[i].length);
            if (sums[i] != null) {
                for (double v : sums[i]) {
                    all.add(v);
                }
            }
        }
        all.add((double) examples);
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Metrics that continue from {@link #sums()} of an earlier pass over the same names. */
    static Metrics resumed(List<String> names, boolean hasLoss, double[] saved) {
        Metrics m = new Metrics(names, hasLoss);
        int at = 0;
        m.loss = saved[at++];
        for (int i = 0; i < names.size(); i++) {
            if (at + 2 > saved.length - 1) {
                throw new IllegalArgumentException("running sums for fewer metrics than the " + names.size()
                        + " of the model");
            }
            int kind = (int) saved[at++];
            int length = (int) saved[at++];
            if (kind >= MetricKind.values().length || length < 0 || at + length > saved.length - 1) {
                throw new IllegalArgumentException("running sums that are not those of a pass");
            }
            if (kind >= 0) {
                m.kinds[i] = MetricKind.values()[kind];
                m.sums[i] = java.util.Arrays.copyOfRange(saved, at, at + length);
            }
            at += length;
        }
        if (at != saved.length - 1) {
            throw new IllegalArgumentException("running sums for more metrics than the " + names.size()
                    + " of the model");
        }
        m.examples = (long) saved[at];
        return m;
    }
}
