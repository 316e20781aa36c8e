package nnet.runtime.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Plural;
import nnet.runtime.Tensor;
import nnet.runtime.data.DataFiles;
import nnet.runtime.data.Dataset;
import nnet.runtime.data.TextDataset;
import nnet.runtime.data.Vocabulary;
import nnet.runtime.generate.TextGenerator;
import nnet.runtime.io.AtomicFiles;
import nnet.runtime.io.DataException;
import nnet.runtime.model.IoInfo;
import nnet.runtime.model.ModelInfo;
import nnet.runtime.model.ProgramInfo;
import nnet.runtime.model.TrainConfig;
import nnet.runtime.train.Metrics;
import nnet.runtime.train.Trainer;
import nnet.runtime.train.Weights;

/** What the train, eval, predict and info commands do, given a model; shared by model JARs and nnetc. */
public final class ModelCommands {
    private final PrintStream out;
    private final PrintStream err;

    public ModelCommands(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static Path defaultWeights(ModelInfo info) {
        return Path.of(info.name().toLowerCase(Locale.ROOT) + ".safetensors");
    }

    public void train(Model model, TrainOptions o) {
        ModelInfo info = model.info();
        if (info.train() == null) {
            throw new UsageError("model " + info.name() + " has no 'train " + info.name() + " { ... }' section");
        }
        TrainConfig config = o.apply(info.train());
        model.initialize(config.seed());
        Path target = o.save != null ? o.save : defaultWeights(info);
        try (TrainRun run = TrainRun.prepare(model, config, o, target, out, err)) {
            train(model, o, config, target, run);
        }
    }

    private void train(Model model, TrainOptions o, TrainConfig config, Path target, TrainRun run) {
        ModelInfo info = model.info();
        DataFiles files = o.data();
        Vocabulary vocabulary = null;
        Dataset all;
        if (o.bytes && !files.isText()) {
            throw new UsageError("--bytes reads a text file (*.txt) as bytes, and the --data given is not one");
        }
        if (files.isText()) {
            TextDataset.Loaded text = files.loadText(info, o.bytes ? Vocabulary.bytes() : null);
            all = text.dataset();
            vocabulary = text.vocabulary();
        } else {
            all = files.load(info, Set.of());
        }
        Dataset[] parts = Trainer.split(all, config);
        TrainRun.requireExamples(all, parts, config);
        if (!o.quiet) {
            out.printf(Locale.ROOT, "training %s on %s (%d held out), %s%s, batch %d, %s%n",
                    info.name(), Plural.of(parts[0].size(), "example"), parts[1] == null ? 0 : parts[1].size(), config.optimizer().describe(),
                    (config.schedule() == null ? "" : ", lr schedule " + config.schedule().describe())
                            + (config.clipping() == null ? "" : ", " + config.clipping().describe()),
                    config.batch(), Plural.of(config.epochs(), "epoch"));
        }
        Trainer trainer = new Trainer(model, config, null);
        Trainer.Result r;
        try (TrainingOutputs outputs = TrainingOutputs.attach(trainer, o, out)) {
            r = run.fit(trainer, parts[0], parts[1]);
        }
        Metrics last = r.validation() != null ? r.validation() : r.train();
        out.println((r.validation() != null ? "held-out " : "training ") + last.format("") + "  ("
                + Plural.of(last.examples(), "example") + ")");
        printMatrices(last);
        if (run.checkpoints() != null) {
            out.println("checkpoints in " + run.checkpoints().path() + (Files.exists(run.checkpoints().best())
                    ? " (best.safetensors: the lowest validation loss)" : ""));
        }
        Weights.save(model, target);
        out.println("saved weights to " + target);
        if (vocabulary != null) {
            vocabulary.save(Vocabulary.beside(target));
            out.println("saved its vocabulary of " + vocabulary.size() + (vocabulary.isBytes() ? " byte values" : " characters")
                    + " to " + Vocabulary.beside(target));
        }
    }

    /** Prints text a decode model generates with saved weights and the vocabulary beside them. */
    public void generate(Model model, GenerateOptions o) {
        Path weights = o.weights() != null ? o.weights() : defaultWeights(model.info());
        loadWeights(model, weights);
        Path file = Vocabulary.beside(weights);
        if (!Files.exists(file)) {
            throw new DataException(file + ": no such file; generating needs the vocabulary saved beside the"
                    + " weights of a model trained on text");
        }
        TextGenerator generator;
        try {
            generator = new TextGenerator(model, Vocabulary.load(file));
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        out.println(generator.generate(o.options()));
        out.flush();
    }

    /** The examples of {@code data}; a text file is read with the vocabulary saved beside the weights. */
    private Dataset examples(Model model, DataFiles data, Path weights, Set<String> optional) {
        if (!data.isText()) {
            return data.load(model.info(), optional);
        }
        Path file = Vocabulary.beside(weights != null ? weights : defaultWeights(model.info()));
        if (!Files.exists(file)) {
            throw new DataException(file + ": no such file; a model trained on text keeps its vocabulary beside"
                    + " its weights");
        }
        return data.loadText(model.info(), Vocabulary.load(file)).dataset();
    }

    public void evaluate(Model model, DataFiles data, Path weights, int batch) {
        if (model.info().program(ProgramInfo.EVALUATE).isEmpty()) {
            throw new UsageError("model " + model.info().name() + " has no loss to evaluate; use predict");
        }
        loadWeights(model, weights);
        Dataset d = examples(model, data, weights, Set.of());
        Metrics m = Trainer.evaluate(model, d, batch);
        // On text the loss is the mean cross-entropy per character, so its exponential is the perplexity.
        String perplexity = data.isText() ? String.format(Locale.ROOT, "  perplexity %.3f", Math.exp(m.loss())) : "";
        out.println(m.format("") + perplexity + "  (" + Plural.of(m.examples(), "example") + ")");
        printMatrices(m);
    }

    private void printMatrices(Metrics m) {
        m.matrices().forEach((name, counts) -> out.print(ConfusionTable.format(name, counts)));
    }

    private void loadWeights(Model model, Path weights) {
        Path file = weights != null ? weights : defaultWeights(model.info());
        if (!Files.exists(file)) {
            throw new DataException(file + ": no such file; train first or give --weights");
        }
        Weights.load(model, file, warning -> err.println("warning: " + warning));
    }

    /**
     * Writes one CSV row per example, under a header naming the columns: every output's elements, and for
     * [batch, C] outputs the argmax; or NumPy arrays when the target ends in .npy or .npz.
     */
    public void predict(Model model, DataFiles data, Path weights, Path target, int batch) {
        loadWeights(model, weights);
        ModelInfo info = model.info();
        ProgramInfo program = info.program(ProgramInfo.PREDICT).orElseThrow(
                () -> new UsageError("model " + info.name() + " has no outputs"));
        Set<String> unread = info.io(IoInfo.Kind.INPUT).stream().filter(i -> !program.reads().contains(i.slot()))
                .map(IoInfo::name).collect(Collectors.toSet());
        List<IoInfo> outputs = info.io(IoInfo.Kind.OUTPUT);
        if (PredictionArrays.wanted(target)) {
            PredictionArrays.check(target, outputs);
            PredictionArrays.write(model, examples(model, data, weights, unread), outputs, batch, target);
            return;
        }
        Dataset d = examples(model, data, weights, unread);
        try {
            if (target == null) {
                // Standard output is flushed, never closed.
                writePredictions(model, d, outputs, batch, new PrintWriter(out, false, StandardCharsets.UTF_8));
            } else {
                AtomicFiles.write(target, os -> {
                    Writer fw = new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8);
                    writePredictions(model, d, outputs, batch, fw);
                    fw.flush();
                });
            }
        } catch (IOException e) {
            throw new DataException((target == null ? "standard output" : target) + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static void writePredictions(Model model, Dataset d, List<IoInfo> outputs, int batch, Writer w)
            throws IOException {
        List<String> header = new ArrayList<>();
        int[] order = new int[d.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        boolean headerDone = false;
        for (int from = 0; from < d.size(); from += batch) {
            int count = Math.min(batch, d.size() - from);
            Executor ex = model.executor(count);
            d.fill(ex, order, from, count);
            ex.predict();
            List<Tensor> values = outputs.stream().map(o -> ex.output(o.name())).toList();
            if (!headerDone) {
                for (int k = 0; k < outputs.size(); k++) {
                    header.addAll(columnNames(outputs.get(k).name(), values.get(k)));
                }
                w.write(String.join(",", header) + "\n");
                headerDone = true;
            }
            for (int row = 0; row < count; row++) {
                StringBuilder line = new StringBuilder();
                for (Tensor t : values) {
                    appendRow(line, t, row);
                }
                w.write(line.append('\n').toString());
            }
        }
        w.flush();
    }

    private static List<String> columnNames(String name, Tensor t) {
        List<String> cols = new ArrayList<>();
        int width = t.rank() == 0 ? 1 : t.size() / Math.max(1, t.dim(0));
        if (t.rank() <= 1) {
            cols.add(name);
            return cols;
        }
        for (int k = 0; k < width; k++) {
            cols.add(name + "_" + k);
        }
        if (t.rank() == 2) {
            cols.add(name + "_argmax");
        }
        return cols;
    }

    private static void appendRow(StringBuilder line, Tensor t, int row) {
        int width = t.rank() == 0 ? 1 : t.size() / Math.max(1, t.dim(0));
        int best = 0;
        for (int k = 0; k < width; k++) {
            double v = t.getDouble(row * width + k);
            line.append(line.length() == 0 ? "" : ",").append(format(v, t));
            if (v > t.getDouble(row * width + best)) {
                best = k;
            }
        }
        if (t.rank() == 2) {
            line.append(',').append(best);
        }
    }

    private static String format(double v, Tensor t) {
        return switch (t.dtype()) {
            case F32 -> Float.toString((float) v);
            case F64 -> Double.toString(v);
            case I32 -> Integer.toString((int) v);
        };
    }

    public void info(ModelInfo info) {
        out.print(Summary.of(info));
        out.println("  kernels: " + VectorRelaunch.describeKernels());
    }
}
