package nnet.compiler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nnetc train and eval on text files: a small LSTM language model learns a text whose next character
 * follows from the previous ones, its vocabulary is saved beside its weights and numbers the evaluation
 * text the same way, and a text with a character it never saw, or weights without their vocabulary,
 * are clear errors; and a decode model with the same weights continues a prompt with the text's own
 * pattern, one character per step, drawing the same characters for the same seed.
 */
class TextDataCliTest {
    private static final String SOURCE = """
            import nn

            model Lm {
              input ids: i32[batch, 12]
              input next: i32[batch, 12]
              out, h_n, c_n = nn.lstm(nn.embedding(ids, 8, 6) as embed, 16, batch_first = true) as lstm
              logits = reshape(nn.linear(out, 8) as head, [-1, 8])
              loss = cross_entropy(logits, reshape(next, [-1]))
            }

            model LmStep {
              input id: i32[1, 1]
              input h: f32[1, 1, 16]
              input c: f32[1, 1, 16]
              out, h_n, c_n = nn.lstm(nn.embedding(id, 8, 6) as embed, 16, batch_first = true, hx = (h, c)) as lstm
              output logits = nn.linear(out, 8) as head
              output h_next = h_n
              output c_next = c_n
            }

            train Lm {
              optimizer = adam(lr = 0.02)
              batch = 8
              epochs = 15
              seed = 2
            }
            """;
    private static final Pattern LOSS = Pattern.compile(
            "(?m)^loss ([0-9.]+)\\s+perplexity ([0-9.]+)\\s+\\((\\d+) examples\\)$");

    @TempDir
    static Path dir;
    static Path model;
    static Path weights;
    static CheckCliTest.Run training;

    /** Words of a fixed cycle, so that a model that reads the text predicts most next characters. */
    private static String text(int words, int offset) {
        String[] cycle = {"abc", "bad", "cab", "dab"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            sb.append(cycle[(i + offset) % cycle.length]).append(i % 5 == 4 ? '\n' : ' ');
        }
        return sb.toString();
    }

    @BeforeAll
    static void train() throws IOException {
        model = Files.writeString(dir.resolve("lm.nnet"), SOURCE);
        weights = dir.resolve("lm.safetensors");
        Path text = Files.writeString(dir.resolve("train.txt"), text(600, 0));
        training = CheckCliTest.nnetc("train", model.toString(), "--data", text.toString(), "--save", weights.toString(),
                "--quiet");
    }

    @Test
    void trainsOnTextAndSavesTheVocabularyBesideTheWeights() {
        assertThat(training.code()).as(training.err()).isZero();
        Path vocab = dir.resolve("lm.safetensors.vocab");
        assertThat(training.out()).endsWith("saved its vocabulary of 6 characters to " + vocab + "\n");
        assertThat(vocab).exists();
    }

    @Test
    void evaluatesAnotherTextWithTheSameIds() throws IOException {
        Path valid = Files.writeString(dir.resolve("valid.txt"), text(120, 1));
        CheckCliTest.Run r = CheckCliTest.nnetc("eval", model.toString(), "--weights", weights.toString(), "--data",
                valid.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Matcher m = LOSS.matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        // (480 characters - 1) / 12 windows.
        assertThat(Integer.parseInt(m.group(3))).isEqualTo(39);
        // Uniform guessing over the 6 characters would cost ln 6 = 1.79 nats, a perplexity of 6.
        double loss = Double.parseDouble(m.group(1));
        assertThat(loss).isLessThan(0.6);
        assertThat(Double.parseDouble(m.group(2))).isCloseTo(Math.exp(loss), org.assertj.core.data.Offset.offset(2e-3));
    }

    @Test
    void aCharacterTheModelNeverSawIsAnErrorAtItsPlace() throws IOException {
        Path odd = Files.writeString(dir.resolve("odd.txt"), "abc bad\ncab xab dab abc bad cab dab\n");
        CheckCliTest.Run r = CheckCliTest.nnetc("eval", model.toString(), "--weights", weights.toString(), "--data",
                odd.toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains(odd + ":2:5: the character 'x' (U+0078) is not among the 6 characters the model"
                + " was trained on");
    }

    private static CheckCliTest.Run generate(String... options) {
        String[] args = new String[6 + options.length];
        System.arraycopy(new String[] {"generate", model.toString(), "--model", "LmStep", "--weights",
            weights.toString()}, 0, args, 0, 6);
        System.arraycopy(options, 0, args, 6, options.length);
        return CheckCliTest.nnetc(args);
    }

    @Test
    void aDecodeModelContinuesThePromptWithTheTextsPattern() {
        CheckCliTest.Run r = generate("--prompt", "abc bad ", "--tokens", "60", "--temperature", "0");
        assertThat(r.code()).as(r.err()).isZero();
        String text = r.out().substring(0, r.out().length() - 1);
        assertThat(text).startsWith("abc bad ").hasSize(8 + 60);
        // Each word follows the one before it in the cycle abc, bad, cab, dab; one character alone
        // does not tell what follows it (a is followed by b or d), so the state must be carried.
        java.util.List<String> cycle = java.util.List.of("abc", "bad", "cab", "dab");
        String[] words = text.trim().split("\\s+");
        int following = 0;
        for (int i = 1; i < words.length - 1; i++) {
            int previous = cycle.indexOf(words[i - 1]);
            following += previous >= 0 && words[i].equals(cycle.get((previous + 1) % 4)) ? 1 : 0;
        }
        assertThat(following).as(text).isGreaterThanOrEqualTo((words.length - 2) * 9 / 10).isGreaterThan(10);
    }

    @Test
    void drawsAreTheSameForTheSameSeedAndDifferForAnother() {
        String[] options = {"--prompt", "cab", "--tokens", "80", "--temperature", "1.5", "--top-k", "4"};
        String a = generate(concat(options, "--seed", "1")).out();
        assertThat(generate(concat(options, "--seed", "1")).out()).isEqualTo(a);
        assertThat(generate(concat(options, "--seed", "2")).out()).isNotEqualTo(a);
        assertThat(a.chars().allMatch(ch -> "abcd \n".indexOf(ch) >= 0)).as(a).isTrue();
    }

    @Test
    void promptsAndModelsThatCannotGenerateAreClearErrors() {
        CheckCliTest.Run unknown = generate("--prompt", "abx");
        assertThat(unknown.code()).isNotZero();
        assertThat(unknown.err()).contains("the prompt:1:3: the character 'x' (U+0078) is not among the 6 characters");
        CheckCliTest.Run training = CheckCliTest.nnetc("generate", model.toString(), "--weights", weights.toString(),
                "--prompt", "abc");
        assertThat(training.code()).isNotZero();
        assertThat(training.err()).contains("model Lm has run-time dims [batch]");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void aModelTrainedOnBytesKeepsReadingBytes() throws IOException {
        Path text = Files.writeString(dir.resolve("bytes.txt"), text(300, 0));
        Path byteWeights = dir.resolve("bytes.safetensors");
        String source = SOURCE.replace("nn.embedding(ids, 8, 6)", "nn.embedding(ids, 256, 6)")
                .replace("nn.embedding(id, 8, 6)", "nn.embedding(id, 256, 6)").replace("nn.linear(out, 8)", "nn.linear(out, 256)")
                .replace("[-1, 8]", "[-1, 256]");
        Path bytesModel = Files.writeString(dir.resolve("bytes.nnet"), source);
        CheckCliTest.Run r = CheckCliTest.nnetc("train", bytesModel.toString(), "--data", text.toString(), "--bytes",
                "--save", byteWeights.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("saved its vocabulary of 256 byte values");
        CheckCliTest.Run g = CheckCliTest.nnetc("generate", bytesModel.toString(), "--model", "LmStep", "--weights",
                byteWeights.toString(), "--prompt", "abc", "--tokens", "12", "--temperature", "0");
        assertThat(g.code()).as(g.err()).isZero();
        assertThat(g.out()).startsWith("abc").hasSize(3 + 12 + 1);
        CheckCliTest.Run image = CheckCliTest.nnetc("train", bytesModel.toString(), "--data", "ids=x.npy", "--bytes");
        assertThat(image.err()).contains("--bytes reads a text file (*.txt) as bytes, and the --data given is not one");
    }

    @Test
    void weightsWithoutTheirVocabularyAreAnError() throws IOException {
        Path copy = Files.copy(weights, dir.resolve("alone.safetensors"));
        Path valid = Files.writeString(dir.resolve("v2.txt"), text(40, 0));
        CheckCliTest.Run r = CheckCliTest.nnetc("eval", model.toString(), "--weights", copy.toString(), "--data",
                valid.toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains(dir.resolve("alone.safetensors.vocab") + ": no such file; a model trained on"
                + " text keeps its vocabulary beside its weights");
    }
}
