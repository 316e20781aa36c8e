package nnet.compiler.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import nnet.compiler.api.Compilation;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.io.DataException;
import nnet.runtime.io.Npz;
import nnet.runtime.io.SafeTensors;
import nnet.runtime.model.IoInfo;
import nnet.runtime.model.ModelInfo;
import nnet.runtime.model.ParamInfo;
import nnet.runtime.model.ProgramInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nnetc run FILE --inputs IN.npz --out OUT.npz [--params P.safetensors] [--grad]}: evaluates a
 * model once on given arrays, to compare it with NumPy or PyTorch. OUT holds every output, the loss and
 * metrics when their inputs are given, the parameters not taken from --params, and with --grad the
 * gradient of the loss for every trainable parameter and floating-point input as "grad/NAME".
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Evaluate a model on arrays from an .npz file.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    SourceOptions source = new SourceOptions();

    @Option(names = "--inputs", required = true, paramLabel = "IN.npz",
            description = "The inputs: a NumPy .npz with one array per input, named after it (and labels for the loss).")
    Path inputs;

    @Option(names = "--params", paramLabel = "P.safetensors", description = "Parameter values; missing ones are initialised from the seed.")
    Path params;

    @Option(names = "--out", required = true, paramLabel = "OUT.npz",
            description = "Where to write every output, the loss and metrics, initialised parameters and, with --grad, "
                    + "the gradients (grad/NAME), as a NumPy .npz.")
    Path out;

    @Option(names = "--grad", description = "Also compute gradients of the loss.")
    boolean grad;

    public Integer call() {
        Compilation c = source.compile(grad);
        Model model = c.model(source.modelName(c));
        ModelInfo info = model.info();
        Map<String, Tensor> given = Npz.read(inputs);
        Map<String, Tensor> values = params == null ? Map.of() : SafeTensors.read(params).tensors();
        Map<String, Tensor> result = new LinkedHashMap<>();
        for (ParamInfo p : info.params()) {
            if (values.containsKey(p.name())) {
                setParameter(model, p, values.get(p.name()));
            } else {
                result.put(p.name(), model.parameter(p.name()));
            }
        }
        Executor ex = model.executor(DimBinding.bind(info, given, inputs));
        String program = chooseProgram(info, given);
        for (IoInfo in : info.io(IoInfo.Kind.INPUT)) {
            if (given.containsKey(in.name())) {
                setInput(ex, in, given.get(in.name()));
            }
        }
        run(ex, program);
        collect(model, ex, info, program, result);
        Npz.write(out, result);
        System.out.println("wrote " + out + " (" + String.join(", ", result.keySet()) + ")");
        return 0;
    }

    private void setParameter(Model model, ParamInfo p, Tensor t) {
        try {
            model.setParameter(p.name(), t);
        } catch (IllegalArgumentException e) {
            throw new DataException(params + ": tensor '" + p.name() + "': " + e.getMessage(), e);
        }
    }

    private void setInput(Executor ex, IoInfo in, Tensor t) {
        try {
            ex.setInput(in.name(), t);
        } catch (IllegalArgumentException e) {
            throw new DataException(inputs + ": array '" + in.name() + "': " + e.getMessage(), e);
        }
    }

    /** The program whose inputs are all given: train with --grad, else evaluate, else predict. */
    private String chooseProgram(ModelInfo info, Map<String, Tensor> given) {
        String wanted = grad ? ProgramInfo.TRAIN : ProgramInfo.EVALUATE;
        ProgramInfo p = info.program(wanted).orElse(null);
        if (p != null && missingInputs(info, p, given).isEmpty()) {
            return wanted;
        }
        if (grad) {
            throw new DataException(inputs + ": --grad needs " + (p == null ? "a model with a loss"
                    : "the inputs " + String.join(", ", missingInputs(info, p, given))));
        }
        ProgramInfo predict = info.program(ProgramInfo.PREDICT).orElseThrow(
                () -> new DataException(inputs + ": missing inputs " + String.join(", ",
                        missingInputs(info, info.program(ProgramInfo.EVALUATE).orElseThrow(), given))));
        List<String> missing = missingInputs(info, predict, given);
        if (!missing.isEmpty()) {
            throw new DataException(inputs + ": has no array for input" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing));
        }
        return ProgramInfo.PREDICT;
    }

    private static List<String> missingInputs(ModelInfo info, ProgramInfo p, Map<String, Tensor> given) {
        return info.io(IoInfo.Kind.INPUT).stream().filter(i -> p.reads().contains(i.slot()))
                .map(IoInfo::name).filter(n -> !given.containsKey(n)).toList();
    }

    private static void run(Executor ex, String program) {
        switch (program) {
            case ProgramInfo.TRAIN -> ex.gradients();
            case ProgramInfo.EVALUATE -> ex.evaluate();
            default -> ex.predict();
        }
    }

    private static void collect(Model model, Executor ex, ModelInfo info, String program, Map<String, Tensor> result) {
        ProgramInfo p = info.program(program).orElseThrow();
        for (IoInfo o : info.io()) {
            if (!p.writes().contains(o.slot())) {
                continue;
            }
            switch (o.kind()) {
                case OUTPUT -> result.put(o.name(), ex.output(o.name()));
                case LOSS -> result.put("loss", Tensor.scalar(ex.loss(), o.dtype()));
                // The raw per-batch statistic: a metric of some kinds is a tensor (a confusion matrix).
                case METRIC -> result.put(o.name(), ex.metricTensor(o.name()));
                case INPUT_GRAD -> result.put("grad/" + o.name(), ex.inputGradient(o.name()));
                default -> { }
            }
        }
        if (program.equals(ProgramInfo.TRAIN)) {
            for (ParamInfo prm : info.params()) {
                if (prm.trainable()) {
                    result.put("grad/" + prm.name(), model.gradient(prm.name()));
                }
            }
        }
    }
}
