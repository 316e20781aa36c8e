package nnet.runtime.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nnet.runtime.DType;
import nnet.runtime.io.DataException;
import nnet.runtime.model.ModelInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text files as language-model examples: windows of n characters and the n that follow, ids numbered
 * by the vocabulary in code-point order, the vocabulary saved and read back, and clear errors for
 * characters outside it, texts too short, bytes that are not UTF-8 and models that do not take text.
 */
class TextDatasetTest {
    @TempDir
    Path dir;

    private static final ModelInfo LM = ToyModels.model(ToyModels.input("ids", DType.I32, 3),
            ToyModels.input("next", DType.I32, 3));

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static int[] example(Dataset d, int input, int record) {
        int[] out = new int[3];
        d.column(input).copy(new int[] {record}, 1, out);
        return out;
    }

    @Test
    void windowsAndTheCharactersThatFollowThem() throws IOException {
        Path f = write("t.txt", "abcabcdcba");
        TextDataset.Loaded l = DataFiles.of(f).loadText(LM, null);
        assertThat(l.vocabulary().size()).isEqualTo(4);
        assertThat(l.vocabulary().decode(0)).isEqualTo("a");
        assertThat(l.vocabulary().decode(3)).isEqualTo("d");
        // 10 characters: (10 - 1) / 3 = 3 windows.
        assertThat(l.dataset().size()).isEqualTo(3);
        assertThat(example(l.dataset(), 0, 0)).containsExactly(0, 1, 2);
        assertThat(example(l.dataset(), 1, 0)).containsExactly(1, 2, 0);
        assertThat(example(l.dataset(), 0, 2)).containsExactly(3, 2, 1);
        assertThat(example(l.dataset(), 1, 2)).containsExactly(2, 1, 0);
    }

    @Test
    void theVocabularyIsSavedAndReadBackAndNumbersAnotherTextTheSameWay() throws IOException {
        Vocabulary v = DataFiles.of(write("train.txt", "héllo wörld\n\u00e9🙂")).loadText(LM, null).vocabulary();
        Path saved = Vocabulary.beside(dir.resolve("m.safetensors"));
        assertThat(saved.getFileName().toString()).isEqualTo("m.safetensors.vocab");
        v.save(saved);
        Vocabulary back = Vocabulary.load(saved);
        assertThat(back).isEqualTo(v);
        TextDataset.Loaded other = DataFiles.of(write("valid.txt", "wörld 🙂")).loadText(LM, back);
        assertThat(other.vocabulary()).isSameAs(back);
        assertThat(example(other.dataset(), 0, 0)).containsExactly(v.encode("wör", "x"));
    }

    @Test
    void asBytesTheIdsAreTheByteValuesWhateverTheFileHolds() throws IOException {
        Path f = dir.resolve("b.txt");
        Files.write(f, new byte[] {'a', (byte) 0xc3, (byte) 0xa9, (byte) 0xff, 'b', 'c', 'd'});
        TextDataset.Loaded l = DataFiles.of(f).loadText(LM, Vocabulary.bytes());
        assertThat(l.vocabulary().size()).isEqualTo(256);
        assertThat(l.dataset().size()).isEqualTo(2);
        assertThat(example(l.dataset(), 0, 0)).containsExactly(97, 0xc3, 0xa9);
        assertThat(example(l.dataset(), 1, 1)).containsExactly('b', 'c', 'd');
        Path saved = dir.resolve("w.vocab");
        l.vocabulary().save(saved);
        assertThat(Vocabulary.load(saved).isBytes()).isTrue();
        assertThat(Vocabulary.bytes().decode(Vocabulary.bytes().encode("é!", "x"))).isEqualTo("é!");
    }

    @Test
    void aCharacterOutsideTheVocabularyIsNamedWithItsLineAndColumn() throws IOException {
        Vocabulary v = Vocabulary.of("abc\n");
        Path f = write("v.txt", "abc\nabz\n");
        assertThatThrownBy(() -> DataFiles.of(f).loadText(LM, v)).isInstanceOf(DataException.class)
                .hasMessage(f + ":2:3: the character 'z' (U+007A) is not among the 4 characters the model was trained on");
    }

    @Test
    void badTextsAndModelsAreClearErrors() throws IOException {
        Path shortText = write("s.txt", "abc");
        assertThatThrownBy(() -> DataFiles.of(shortText).loadText(LM, null))
                .hasMessage(shortText + ": 3 characters make no window of 3 characters and the one after");
        Path bytes = dir.resolve("b.txt");
        Files.write(bytes, new byte[] {'a', (byte) 0xff, 'b', 'c', 'd'});
        assertThatThrownBy(() -> DataFiles.of(bytes).loadText(LM, null)).hasMessage(bytes
                + ":1:2: not valid UTF-8: byte 0xFF (at byte 1 of the file); train with --bytes to read any bytes");
        ModelInfo images = ToyModels.model(ToyModels.input("x", DType.F32, 4), ToyModels.input("y", DType.I32, 4));
        Path f = write("t.txt", "abcdefghij");
        assertThatThrownBy(() -> DataFiles.of(f).loadText(images, null)).hasMessageStartingWith(f
                + ": a text file feeds a language model with two i32 inputs [batch, n] (n fixed)");
    }

    @Test
    void aVocabularyFileThatIsNotOneIsRefused() throws IOException {
        Path f = write("x.vocab", "nnet vocabulary 1\n97\n96\n");
        assertThatThrownBy(() -> Vocabulary.load(f)).hasMessage(f + ":3: expected the code point of the next"
                + " character, in increasing order, got '96'");
        Path g = write("y.vocab", "hello\n");
        assertThatThrownBy(() -> Vocabulary.load(g)).hasMessageContaining("not a vocabulary file");
        assertThat(List.of(Vocabulary.of("ba").decode(0), Vocabulary.of("ba").decode(1))).containsExactly("a", "b");
    }
}
