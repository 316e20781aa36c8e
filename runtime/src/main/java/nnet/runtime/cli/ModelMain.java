package nnet.runtime.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import nnet.runtime.Model;
import nnet.runtime.model.ModelInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The main class of a model JAR: {@code java -jar model.jar train|eval|predict|generate|info}. */
@Command(name = "java -jar MODEL.jar", mixinStandardHelpOptions = true,
        description = "Train, evaluate and run a compiled nnet model.",
        subcommands = {ModelMain.Train.class, ModelMain.Eval.class, ModelMain.Predict.class, ModelMain.Generate.class,
            ModelMain.Info.class, PlotCommand.class})
public final class ModelMain {
    /** Where a model JAR keeps the serialized {@link ModelInfo}. */
    public static final String INFO_RESOURCE = "META-INF/nnet/model.info";

    public static void main(String[] args) {
        System.exit(VectorRelaunch.run(ModelMain.class, args, ModelMain::run));
    }

    static int run(String[] args) {
        return Cli.execute(new CommandLine(new ModelMain()), args);
    }

    static Model loadModel() {
        ModelInfo info = loadInfo();
        try {
            return Model.of(info, Class.forName(info.className(), true, ModelMain.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("this JAR lacks the class of model " + info.name(), e);
        }
    }

    static ModelInfo loadInfo() {
        try (InputStream in = ModelMain.class.getClassLoader().getResourceAsStream(INFO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("this JAR holds no compiled model (" + INFO_RESOURCE + " is missing)");
            }
            return (ModelInfo) new ObjectInputStream(in).readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot read the model description in this JAR", e);
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true, description = "Train on a data set and save the weights.")
    static final class Train implements Callable<Integer> {
        @Mixin
        TrainOptions options = new TrainOptions();

        @Mixin
        ThreadsOption threads = new ThreadsOption();

        public Integer call() {
            Cli.commands().train(loadModel(), options);
            return 0;
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Loss and metrics of saved weights on a data set.")
    static final class Eval implements Callable<Integer> {
        @Mixin
        RunOptions run = new RunOptions();

        @Mixin
        ThreadsOption threads = new ThreadsOption();

        public Integer call() {
            Cli.commands().evaluate(loadModel(), run.data(), run.weights(), run.batch());
            return 0;
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Continue a prompt with text drawn from a decode model, one character at a time.")
    static final class Generate implements Callable<Integer> {
        @Mixin
        GenerateOptions options = new GenerateOptions();

        @Mixin
        ThreadsOption threads = new ThreadsOption();

        public Integer call() {
            Cli.commands().generate(loadModel(), options);
            return 0;
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true,
            description = "Write the outputs for each example of a data set, as CSV, .npy or .npz.")
    static final class Predict implements Callable<Integer> {
        @Mixin
        RunOptions run = new RunOptions();

        @Mixin
        ThreadsOption threads = new ThreadsOption();

        @Option(names = "--out", paramLabel = "FILE",
            description = "Where to write: CSV with a header naming the columns, or NumPy arrays when FILE ends"
                    + " in .npy (one output) or .npz (one array per output, by name). Default: CSV to standard output.")
        Path out;

        public Integer call() {
            Cli.commands().predict(loadModel(), run.data(), run.weights(), out, run.batch());
            return 0;
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Describe the model.")
    static final class Info implements Callable<Integer> {
        public Integer call() {
            Cli.commands().info(loadInfo());
            return 0;
        }
    }
}
