package nnet.runtime.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nnet.runtime.data.DataFiles;

/**
 * The values of the repeatable {@code --data} option: one FILE (a CSV, or an .npz of arrays named after
 * the inputs), or NAME=FILE for each input (an IDX or .npy array). A value is NAME=FILE when the text
 * before its first '=' is a name (letters, digits and '_'); a file whose own name has an '=' can be given
 * as ./a=b.csv.
 */
final class DataOption {
    static final String DESCRIPTION = "The examples: FILE (a CSV, one example per row, the inputs' columns in "
            + "declaration order; or an .npz of arrays named after the inputs), or NAME=FILE, once for each "
            + "input (an IDX or .npy array whose first dim counts the examples). Gzipped CSV, IDX and .npy "
            + "files are read too.";
    private static final Pattern NAMED = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.+)", Pattern.DOTALL);

    private DataOption() {
    }

    static DataFiles parse(List<String> values) {
        Path whole = null;
        Map<String, Path> named = new LinkedHashMap<>();
        for (String v : values) {
            Matcher m = NAMED.matcher(v);
            if (!m.matches()) {
                if (whole != null) {
                    throw new UsageError("--data FILE can be given once (" + whole + ", " + v + "); for a file per "
                            + "input, give --data NAME=FILE for each");
                }
                whole = path(v);
            } else if (named.put(m.group(1), path(m.group(2))) != null) {
                throw new UsageError("--data gives input '" + m.group(1) + "' more than once");
            }
        }
        if (whole != null && !named.isEmpty()) {
            throw new UsageError("--data " + whole + " feeds every input, so it cannot be combined with --data "
                    + named.keySet().iterator().next() + "=FILE");
        }
        return whole != null ? DataFiles.of(whole) : DataFiles.perInput(named);
    }

    private static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new UsageError("--data: '" + text + "' is not a valid path: " + e.getReason());
        }
    }
}
