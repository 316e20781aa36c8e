package nnet.runtime.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nnet.runtime.io.DataException;
import nnet.runtime.io.DataFormat;
import nnet.runtime.io.Idx;
import nnet.runtime.io.Npy;
import nnet.runtime.io.NumberArray;
import nnet.runtime.model.IoInfo;
import nnet.runtime.model.ModelInfo;

/**
 * Where a model's examples come from: one file for all inputs (a CSV, or an .npz whose arrays are named
 * after the inputs), or a file per input (an IDX or .npy array each). Exactly one of {@code file} and
 * {@code perInput} is set.
 */
public record DataFiles(Path file, Map<String, Path> perInput) {

    public DataFiles {
        if ((file == null) == (perInput == null)) {
            throw new IllegalArgumentException("give either one file or a file per input");
        }
        perInput = perInput == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(perInput));
    }

    /** Whether the examples are a text file (by its name, *.txt), read with {@link #loadText}. */
    public boolean isText() {
        return file != null && String.valueOf(file.getFileName()).toLowerCase(java.util.Locale.ROOT).endsWith(".txt");
    }

    /**
     * Reads a text file's windows for a language model's two i32 inputs (see {@link TextDataset}), with
     * {@code vocabulary}, or with one made from the text when it is null.
     */
    public TextDataset.Loaded loadText(ModelInfo info, Vocabulary vocabulary) {
        return TextDataset.read(file, info.io(IoInfo.Kind.INPUT), info.dims(), vocabulary);
    }

    public static DataFiles of(Path file) {
        return new DataFiles(file, null);
    }

    /** Input names to files, in the order given. */
    public static DataFiles perInput(Map<String, Path> files) {
        return new DataFiles(null, files);
    }

    /**
     * Reads the examples for {@code info}'s inputs. Inputs in {@code optional} may be missing (labels, when
     * only predicting); a file given for one is not read. Every other input must be given, and only inputs
     * of the model may be named.
     *
     * @throws DataException if a file cannot be read, does not fit its input, or holds no examples
     */
    public Dataset load(ModelInfo info, Set<String> optional) {
        List<IoInfo> inputs = info.io(IoInfo.Kind.INPUT);
        Dataset d = file != null ? loadFile(info, inputs, optional) : loadPerInput(info, inputs, optional);
        if (d.size() == 0) {
            throw new DataException(d.source() + ": no examples");
        }
        return d;
    }

    private Dataset loadFile(ModelInfo info, List<IoInfo> inputs, Set<String> optional) {
        if (isText()) {
            return loadText(info, null).dataset();
        }
        DataFormat format = DataFormat.of(file);
        return switch (format) {
            case NPZ -> NpzDataset.read(file, info.dims(), inputs, optional);
            case NPY, IDX -> throw new DataException(file + ": holds one " + format + " array, not every input; "
                    + "give it for the input it feeds, as NAME=" + file + " (inputs: "
                    + InputShapes.describe(inputs, info.dims()) + ")");
            case OTHER -> CsvDataset.read(file, info.dims(), inputs, optionalTail(inputs, optional));
        };
    }

    /** CSV columns are positional, so only inputs at the end can be left out. */
    private static int optionalTail(List<IoInfo> inputs, Set<String> optional) {
        int tail = 0;
        while (tail < inputs.size() && optional.contains(inputs.get(inputs.size() - 1 - tail).name())) {
            tail++;
        }
        return tail;
    }

    private Dataset loadPerInput(ModelInfo info, List<IoInfo> inputs, Set<String> optional) {
        checkNames(info, inputs, optional);
        List<IoInfo> used = new ArrayList<>();
        List<NumberArray> arrays = new ArrayList<>();
        List<Origin> origins = new ArrayList<>();
        for (IoInfo in : inputs) {
            Path path = perInput.get(in.name());
            if (path != null && !optional.contains(in.name())) {
                used.add(in);
                arrays.add(readArray(path));
                origins.add(Origin.array(path));
            }
        }
        return ArrayDataset.of(used, arrays, origins, info.dims());
    }

    /** An input's file is an .npy array or an IDX file; IDX's reader explains what anything else is not. */
    private static NumberArray readArray(Path path) {
        return switch (DataFormat.of(path)) {
            case NPY -> Npy.readNumbers(path);
            case NPZ -> throw new DataException(path + ": is an .npz archive, not one array; give it alone, as "
                    + "--data " + path + ", to feed the inputs from the arrays of their names");
            case IDX, OTHER -> Idx.read(path);
        };
    }

    private void checkNames(ModelInfo info, List<IoInfo> inputs, Set<String> optional) {
        String described = InputShapes.describe(inputs, info.dims());
        for (String name : perInput.keySet()) {
            if (inputs.stream().noneMatch(in -> in.name().equals(name))) {
                throw new IllegalArgumentException("model " + info.name() + " has no input '" + name + "'; its inputs: "
                        + described);
            }
        }
        for (IoInfo in : inputs) {
            if (!perInput.containsKey(in.name()) && !optional.contains(in.name())) {
                throw new IllegalArgumentException("no data for input '" + in.name() + "'; give " + in.name()
                        + "=FILE for it (inputs: " + described + ")");
            }
        }
    }
}
