package nnet.runtime.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of a training run that plots show: the loss of every logged step and each epoch's
 * training and validation figures (validation names start with "val_"). Filled by a running trainer
 * ({@link PlotWriter}) or read back from a training log ({@link LogReader}).
 */
public final class History {
    private String model = "model";
    private int stepsPerEpoch;
    private final List<double[]> steps = new ArrayList<>();
    private final List<EpochFigures> epochs = new ArrayList<>();

    /** One epoch's figures by name: loss, metrics, val_loss, val_ metrics, lr. */
    record EpochFigures(int epoch, Map<String, Double> figures) {
    }

    void start(String modelName, int steps) {
        this.model = modelName;
        this.stepsPerEpoch = steps;
    }

    void step(long step, double loss) {
        steps.add(new double[] {step, loss});
    }

    void epoch(int epoch, Map<String, Double> figures) {
        epochs.add(new EpochFigures(epoch, new LinkedHashMap<>(figures)));
    }

    public String model() {
        return model;
    }

    public boolean isEmpty() {
        return steps.isEmpty() && epochs.isEmpty();
    }

    /** Each logged step's loss against the epoch it falls in (fractional: step 45 of 90 per epoch is 0.5). */
    List<double[]> stepLosses() {
        List<double[]> out = new ArrayList<>();
        int per = stepsPerEpoch > 0 ? stepsPerEpoch : 1;
        for (double[] s : steps) {
            out.add(new double[] {s[0] / per, s[1]});
        }
        return out;
    }

    /** A figure of every epoch that has it, against the epoch number; empty when none has. */
    List<double[]> perEpoch(String name) {
        List<double[]> out = new ArrayList<>();
        for (EpochFigures e : epochs) {
            Double v = e.figures().get(name);
            if (v != null && Double.isFinite(v)) {
                out.add(new double[] {e.epoch(), v});
            }
        }
        return out;
    }

    /** The names of the training metrics, in the order first seen: figures other than losses and lr. */
    List<String> metricNames() {
        List<String> names = new ArrayList<>();
        for (EpochFigures e : epochs) {
            for (String k : e.figures().keySet()) {
                if (!k.startsWith("val_") && !k.equals("loss") && !k.equals("lr") && !names.contains(k)) {
                    names.add(k);
                }
            }
        }
        return names;
    }

    int lastEpoch() {
        return epochs.isEmpty() ? (int) Math.ceil(stepLosses().stream().mapToDouble(s -> s[0]).max().orElse(1))
                : epochs.get(epochs.size() - 1).epoch();
    }
}
