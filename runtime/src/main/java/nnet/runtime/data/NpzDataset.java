package nnet.runtime.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import nnet.runtime.io.DataException;
import nnet.runtime.io.NumberArray;
import nnet.runtime.io.Npz;
import nnet.runtime.model.IoInfo;

/** A data set from an .npz archive: the array named after an input feeds it ({@code x.npy} feeds x). */
final class NpzDataset {
    private NpzDataset() {
    }

    /** Arrays the model does not take are not read; neither are those of {@code optional} inputs. */
    static Dataset read(Path file, List<String> dims, List<IoInfo> inputs, Set<String> optional) {
        List<String> names = Npz.arrayNames(file);
        List<IoInfo> used = new ArrayList<>();
        for (IoInfo in : inputs) {
            if (optional.contains(in.name())) {
                continue;
            }
            if (!names.contains(in.name())) {
                throw new DataException(file + ": has no array named '" + in.name() + "' (input " + in.name() + ": "
                        + in.describe(dims) + "); its arrays: " + String.join(", ", names) + "; the model's inputs: "
                        + InputShapes.describe(inputs, dims));
            }
            used.add(in);
        }
        Set<String> wanted = used.stream().map(IoInfo::name).collect(Collectors.toSet());
        Map<String, NumberArray> read = Npz.readNumbers(file, wanted::contains);
        List<NumberArray> arrays = new ArrayList<>();
        List<Origin> origins = new ArrayList<>();
        for (IoInfo in : used) {
            arrays.add(read.get(in.name()));
            origins.add(Origin.array(file + ":" + in.name() + ".npy"));
        }
        return ArrayDataset.of(used, arrays, origins, dims);
    }
}
