package nnet.runtime.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import nnet.runtime.DType;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.data.Vocabulary;
import nnet.runtime.model.IoInfo;
import nnet.runtime.model.ModelInfo;

/**
 * Text from a character-level language model, one character at a time, through a decode model: a model
 * that takes one character and its state and gives the scores of the next character and the next state,
 * so that each new character costs one step whatever the length of the text before it. The decode
 * model's interface:
 * <ul>
 * <li>one i32 input of one element, the character's id;</li>
 * <li>an output {@code logits} with a score per id (ids past the vocabulary are never drawn);</li>
 * <li>for every other input X an output {@code X_next} of its shape and dtype: state, zeros at the
 *     start and fed back after every step.</li>
 * </ul>
 * The prompt runs through the same step, character by character.
 */
public final class TextGenerator {
    private final Vocabulary vocabulary;
    private final Executor ex;
    private final String token;
    private final List<String> states = new ArrayList<>();

    /** How to draw: temperature 0 takes the best character; top-k and top-p (0: off) narrow the choice. */
    public record Options(String prompt, int tokens, double temperature, int topK, double topP, long seed) {
        public Options {
            if (tokens < 0 || !(temperature >= 0) || topK < 0 || !(topP >= 0 && topP <= 1)) {
                throw new IllegalArgumentException("tokens and top-k must be ≥ 0, temperature ≥ 0, top-p in [0, 1]");
            }
        }
    }

    public TextGenerator(Model model, Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
        ModelInfo info = model.info();
        if (!info.dims().isEmpty()) {
            throw new IllegalArgumentException("model " + info.name() + " has run-time dims " + info.dims()
                    + "; a decode model takes one character of one sequence: give its inputs fixed shapes");
        }
        this.ex = model.executor(Map.of());
        String tokenInput = null;
        for (IoInfo in : info.io(IoInfo.Kind.INPUT)) {
            if (in.dtype() == DType.I32 && Tensor.numel(ex.inputShape(in.name())) == 1 && tokenInput == null) {
                tokenInput = in.name();
            } else {
                requireStateOutput(info, in);
                states.add(in.name());
            }
        }
        if (tokenInput == null) {
            throw new IllegalArgumentException(interfaceError(info, "it has no i32 input of one element for the character"));
        }
        this.token = tokenInput;
        boolean hasLogits = info.io(IoInfo.Kind.OUTPUT).stream().anyMatch(o -> o.name().equals("logits"));
        if (!hasLogits) {
            throw new IllegalArgumentException(interfaceError(info, "it has no output 'logits'"));
        }
    }

    private void requireStateOutput(ModelInfo info, IoInfo in) {
        IoInfo next = info.io(IoInfo.Kind.OUTPUT).stream().filter(o -> o.name().equals(in.name() + "_next"))
                .findFirst().orElse(null);
        if (next == null || next.dtype() != in.dtype()
                || !Arrays.equals(ex.inputShape(in.name()), ex.output(next.name()).shape())) {
            throw new IllegalArgumentException(interfaceError(info, "its input '" + in.name() + "' is state, but no"
                    + " output '" + in.name() + "_next' of the same type gives its next value"));
        }
    }

    private static String interfaceError(ModelInfo info, String problem) {
        return "model " + info.name() + " cannot generate text: " + problem + "; a decode model takes one"
                + " character (an i32 input of one element) and its state (inputs X), and gives 'logits' and the"
                + " next state (outputs X_next)";
    }

    /** The prompt followed by {@code tokens} characters drawn one after another. */
    public String generate(Options o) {
        if (o.prompt().isEmpty()) {
            throw new IllegalArgumentException("generation starts from a prompt of at least one character");
        }
        int[] prompt = vocabulary.encode(o.prompt(), "the prompt");
        for (String s : states) {
            Object array = ex.inputArray(s);
            if (array instanceof float[] f) {
                Arrays.fill(f, 0);
            } else if (array instanceof double[] d) {
                Arrays.fill(d, 0);
            } else {
                Arrays.fill((int[]) array, 0);
            }
        }
        for (int id : prompt) {
            step(id);
        }
        SplittableRandom random = new SplittableRandom(o.seed());
        int[] drawn = new int[o.tokens()];
        double[] scores = new double[vocabulary.size()];
        Sampling sampling = new Sampling(scores.length);
        for (int i = 0; i < o.tokens(); i++) {
            drawn[i] = sampling.draw(scores(scores), o.temperature(), o.topK(), o.topP(), random);
            if (i + 1 < o.tokens()) {
                step(drawn[i]);
            }
        }
        // Bytes are decoded together, so that characters of several bytes come out whole.
        return o.prompt() + vocabulary.decode(drawn);
    }

    /** Runs the decode step on one character, then copies each next state into its input. */
    private void step(int id) {
        ((int[]) ex.inputArray(token))[0] = id;
        ex.predict();
        for (String s : states) {
            Object next = ex.outputArray(s + "_next");
            System.arraycopy(next, 0, ex.inputArray(s), 0, java.lang.reflect.Array.getLength(next));
        }
    }

    /** The scores of the characters of the vocabulary (the model may score more ids), into {@code scores}. */
    private double[] scores(double[] scores) {
        Object logits = ex.outputArray("logits");
        int n = java.lang.reflect.Array.getLength(logits);
        if (n < scores.length) {
            throw new IllegalArgumentException("the model scores " + n + " ids, fewer than the "
                    + scores.length + " characters of its vocabulary");
        }
        for (int i = 0; i < scores.length; i++) {
            scores[i] = logits instanceof float[] f ? f[i] : ((double[]) logits)[i];
        }
        return scores;
    }
}
