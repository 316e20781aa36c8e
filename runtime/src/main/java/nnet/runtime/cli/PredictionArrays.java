package nnet.runtime.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.data.Dataset;
import nnet.runtime.io.AtomicFiles;
import nnet.runtime.io.DataException;
import nnet.runtime.io.Npy;
import nnet.runtime.io.Npz;
import nnet.runtime.model.IoInfo;

/**
 * Predictions as NumPy arrays: every output stacked over the examples, [examples, ...] in its own dtype;
 * a .npz holds one array per output under the output's name, a .npy the single output of a model that
 * has one.
 */
final class PredictionArrays {
    private PredictionArrays() {
    }

    /** Whether the target names a NumPy file rather than CSV. */
    static boolean wanted(Path target) {
        return target != null && (extension(target).equals(".npy") || extension(target).equals(".npz"));
    }

    /** Refuses a .npy for several outputs before any work is done. */
    static void check(Path target, List<IoInfo> outputs) {
        if (extension(target).equals(".npy") && outputs.size() != 1) {
            throw new UsageError(target + ": a .npy file holds one array, and the model has " + outputs.size()
                    + " outputs (" + String.join(", ", outputs.stream().map(IoInfo::name).toList())
                    + "); write a .npz, which holds one array per output");
        }
    }

    static void write(Model model, Dataset d, List<IoInfo> outputs, int batch, Path target) {
        Map<String, List<Tensor>> parts = new LinkedHashMap<>();
        outputs.forEach(o -> parts.put(o.name(), new ArrayList<>()));
        int[] order = new int[d.size()];
        java.util.Arrays.setAll(order, i -> i);
        for (int from = 0; from < d.size(); from += batch) {
            int count = Math.min(batch, d.size() - from);
            Executor ex = model.executor(count);
            d.fill(ex, order, from, count);
            ex.predict();
            for (IoInfo o : outputs) {
                Tensor t = ex.output(o.name());
                if (t.rank() == 0 || t.dim(0) != count) {
                    throw new UsageError("output " + o.name() + " " + t.shapeString() + " has no row per example,"
                            + " so it cannot be stacked over the examples; write CSV instead");
                }
                parts.get(o.name()).add(t);
            }
        }
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        parts.forEach((name, list) -> arrays.put(name, stack(list, d.size())));
        if (extension(target).equals(".npz")) {
            Npz.write(target, arrays);
            return;
        }
        try {
            Tensor only = arrays.values().iterator().next();
            AtomicFiles.write(target, os -> Npy.write(os, only));
        } catch (IOException e) {
            throw new DataException(target + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** The batches' tensors one after another: [examples, ...]. */
    private static Tensor stack(List<Tensor> batches, int examples) {
        Tensor first = batches.get(0);
        int[] shape = first.shape().clone();
        shape[0] = examples;
        Tensor out = Tensor.zeros(first.dtype(), shape);
        int at = 0;
        for (Tensor t : batches) {
            System.arraycopy(t.data(), 0, out.data(), at, t.size());
            at += t.size();
        }
        return out;
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot);
    }
}
