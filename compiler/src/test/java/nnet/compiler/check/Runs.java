package nnet.compiler.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nnet.compiler.api.Compilation;
import nnet.compiler.api.Nnet;
import nnet.compiler.driver.CompileOptions;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.model.IoInfo;
import nnet.runtime.model.ModelInfo;
import nnet.runtime.model.ParamInfo;

/** Compiles and runs {@link ModelCase}s and collects what a program delivers. */
public final class Runs {
    private Runs() {
    }

    /** Options for checking: input gradients on, fusion as asked. */
    public static CompileOptions options(boolean fuse) {
        return CompileOptions.defaults().withFusion(fuse).withInputGradients(true);
    }

    public static Compilation compile(ModelCase c, boolean fuse) {
        return Nnet.compile(c.model() + ".nnet", c.source(), options(fuse));
    }

    /** A fresh model with the case's parameter values set. */
    public static Model model(Compilation compilation, ModelCase c) {
        Model m = compilation.model(c.model());
        c.params().forEach(m::setParameter);
        return m;
    }

    /** An executor with the case's inputs set (dims the model does not use are left out). */
    public static Executor executor(Model m, ModelCase c, boolean planned) {
        return executor(m, c, c.dims(), planned);
    }

    /** An executor for other values of the run-time dims, with the case's inputs (of matching shapes) set. */
    public static Executor executor(Model m, ModelCase c, Map<String, Integer> dims, boolean planned) {
        Map<String, Integer> used = new LinkedHashMap<>(dims);
        used.keySet().retainAll(m.info().dims());
        Executor ex = m.executor(used, planned);
        (dims.equals(c.dims()) ? c.inputs() : inputsFor(m, c, dims)).forEach(ex::setInput);
        return ex;
    }

    /** What one run delivered: loss, metrics, outputs, and (after a train run) all gradients. */
    public record Snapshot(double loss, Map<String, Double> metrics, Map<String, Tensor> outputs,
                           Map<String, Tensor> inputGradients, Map<String, Tensor> paramGradients) {

        /** Every delivered value under one name each, e.g. "output y", "grad w", "input_grad x". */
        public Map<String, Tensor> all() {
            Map<String, Tensor> m = new LinkedHashMap<>();
            m.put("loss", Tensor.of(new double[] {loss}));
            metrics.forEach((k, v) -> m.put("metric " + k, Tensor.of(new double[] {v})));
            outputs.forEach((k, v) -> m.put("output " + k, v));
            inputGradients.forEach((k, v) -> m.put("input_grad " + k, v));
            paramGradients.forEach((k, v) -> m.put("grad " + k, v));
            return m;
        }
    }

    /** Runs the train program (without an update) and collects loss, metrics, outputs and gradients. */
    public static Snapshot train(Executor ex) {
        ex.gradients();
        ModelInfo info = ex.model().info();
        Map<String, Tensor> inputGrads = new LinkedHashMap<>();
        for (IoInfo io : info.io(IoInfo.Kind.INPUT_GRAD)) {
            inputGrads.put(io.name(), ex.inputGradient(io.name()));
        }
        Map<String, Tensor> paramGrads = new LinkedHashMap<>();
        for (ParamInfo p : info.params()) {
            if (p.trainable()) {
                paramGrads.put(p.name(), ex.model().gradient(p.name()));
            }
        }
        return new Snapshot(ex.loss(), metrics(ex), outputs(ex), inputGrads, paramGrads);
    }

    /** Runs the predict program and collects the outputs (none when the model has no outputs). */
    public static Map<String, Tensor> predict(Executor ex) {
        if (ex.model().info().program(nnet.runtime.model.ProgramInfo.PREDICT).isEmpty()) {
            return Map.of();
        }
        ex.predict();
        return outputs(ex);
    }

    /**
     * Inputs for other values of the run-time dims: each input of the model gets its bound shape and the
     * case's values repeated cyclically (so class indices stay in range).
     */
    public static Map<String, Tensor> inputsFor(Model m, ModelCase c, Map<String, Integer> dims) {
        int[] values = new int[m.info().dims().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = dims.get(m.info().dims().get(i));
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (IoInfo io : m.info().io(IoInfo.Kind.INPUT)) {
            Tensor given = c.inputs().get(io.name());
            Tensor t = Tensor.zeros(io.dtype(), io.shape(values));
            for (int i = 0; i < t.size() && given.size() > 0; i++) {
                t.setDouble(i, given.getDouble(i % given.size()));
            }
            out.put(io.name(), t);
        }
        return out;
    }

    /** Runs the evaluate program and collects loss, metrics and outputs. */
    public static Snapshot evaluate(Executor ex) {
        ex.evaluate();
        return new Snapshot(ex.loss(), metrics(ex), outputs(ex), Map.of(), Map.of());
    }

    private static Map<String, Double> metrics(Executor ex) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (IoInfo io : ex.model().info().io(IoInfo.Kind.METRIC)) {
            m.put(io.name(), ex.metric(io.name()));
        }
        return m;
    }

    private static Map<String, Tensor> outputs(Executor ex) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (IoInfo io : ex.model().info().io(IoInfo.Kind.OUTPUT)) {
            m.put(io.name(), ex.output(io.name()));
        }
        return m;
    }

    /**
     * The differences between two snapshots, bit for bit (NaN equals NaN), as readable lines; empty when
     * they are identical.
     */
    public static List<String> bitwiseDifferences(Snapshot a, Snapshot b) {
        return differences(a, b, 0);
    }

    /**
     * The values of two snapshots that differ by more than {@code tolerance} relative to the larger
     * magnitude of the tensor they belong to (0: bit for bit).
     */
    public static List<String> differences(Snapshot a, Snapshot b, double tolerance) {
        return differences(a, b, tolerance, 0);
    }

    /** As {@link #differences(Snapshot, Snapshot, double)}, with magnitudes below {@code floor} counted as floor. */
    public static List<String> differences(Snapshot a, Snapshot b, double tolerance, double floor) {
        List<String> out = new ArrayList<>();
        Map<String, Tensor> x = a.all();
        Map<String, Tensor> y = b.all();
        if (!x.keySet().equals(y.keySet())) {
            out.add("different values delivered: " + x.keySet() + " and " + y.keySet());
            return out;
        }
        for (String k : x.keySet()) {
            Tensor p = x.get(k);
            Tensor q = y.get(k);
            if (p.size() != q.size()) {
                out.add(k + ": sizes " + p.size() + " and " + q.size());
                continue;
            }
            double scale = floor;
            for (int i = 0; i < p.size(); i++) {
                scale = Math.max(scale, Math.max(Math.abs(p.getDouble(i)), Math.abs(q.getDouble(i))));
            }
            for (int i = 0; i < p.size(); i++) {
                double u = p.getDouble(i);
                double v = q.getDouble(i);
                boolean same = tolerance == 0 ? Double.doubleToLongBits(u) == Double.doubleToLongBits(v)
                        : Math.abs(u - v) <= tolerance * Math.max(scale, 1e-30) || Double.compare(u, v) == 0;
                if (!same) {
                    out.add(k + "[" + i + "]: " + u + " vs " + v);
                    break;
                }
            }
        }
        return out;
    }
}
