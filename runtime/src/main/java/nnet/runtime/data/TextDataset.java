package nnet.runtime.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import nnet.runtime.DType;
import nnet.runtime.io.DataException;
import nnet.runtime.io.Utf8;
import nnet.runtime.model.IoInfo;

/**
 * A text file as examples for a character-level (or byte-level) language model: the model's two i32
 * inputs [batch, n] take windows of n characters (as ids of a {@link Vocabulary}) and the n characters
 * that follow each one, the windows one after another through the text. The ids are held once per input as int arrays.
 */
public final class TextDataset {
    private TextDataset() {
    }

    /** The examples, and the vocabulary that numbered them. */
    public record Loaded(Dataset dataset, Vocabulary vocabulary) {
    }

    /**
     * Reads {@code file} (UTF-8) with {@code vocabulary}, or with the vocabulary of its own characters
     * when it is null (training); a bytes vocabulary reads the file's bytes, whatever they are.
     */
    public static Loaded read(Path file, List<IoInfo> inputs, List<String> dims, Vocabulary vocabulary) {
        int window = windowOf(file, inputs, dims);
        Vocabulary v;
        int[] ids;
        if (vocabulary != null && vocabulary.isBytes()) {
            v = vocabulary;
            ids = Vocabulary.encodeBytes(readBytes(file));
        } else {
            String text = readText(file);
            v = vocabulary != null ? vocabulary : Vocabulary.of(text);
            ids = v.encode(text, file.toString());
        }
        int windows = (ids.length - 1) / window;
        if (windows == 0) {
            throw new DataException(file + ": " + ids.length + " characters make no window of " + window
                    + " characters and the one after");
        }
        Origin origin = Origin.array(file);
        Column tokens = new IntColumn(Arrays.copyOfRange(ids, 0, windows * window), windows, window, origin);
        Column next = new IntColumn(Arrays.copyOfRange(ids, 1, windows * window + 1), windows, window, origin);
        return new Loaded(Dataset.of(inputs, List.of(tokens, next)), v);
    }

    /** The window length n of inputs i32[batch, n] and i32[batch, n]; anything else is an error. */
    private static int windowOf(Path file, List<IoInfo> inputs, List<String> dims) {
        boolean fits = inputs.size() == 2;
        int window = -1;
        for (IoInfo in : inputs) {
            int[] shape = in.shape(dimsAll(dims, 1));
            int[] other = in.shape(dimsAll(dims, 2));
            fits &= in.dtype() == DType.I32 && shape.length == 2 && shape[1] == other[1]
                    && (window < 0 || shape[1] == window);
            window = shape.length == 2 ? shape[1] : -1;
        }
        if (!fits || window < 1) {
            throw new DataException(file + ": a text file feeds a language model with two i32 inputs [batch, n]"
                    + " (n fixed): windows of n characters and the characters that follow them; the model's inputs are "
                    + InputShapes.describe(inputs, dims));
        }
        return window;
    }

    /** Every run-time dim bound to {@code value}: sizes that change with it are not fixed windows. */
    private static int[] dimsAll(List<String> dims, int value) {
        int[] values = new int[dims.size()];
        Arrays.fill(values, value);
        return values;
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static String readText(Path file) {
        try {
            return Utf8.decode(readBytes(file));
        } catch (Utf8.Malformed e) {
            throw new DataException(file + ":" + e.line + ":" + e.column + ": " + String.format("not valid UTF-8: byte "
                    + "0x%02X (at byte %d of the file); train with --bytes to read any bytes", e.firstByte, e.offset));
        }
    }
}
