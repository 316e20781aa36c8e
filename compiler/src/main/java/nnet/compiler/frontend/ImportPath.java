package nnet.compiler.frontend;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nnet.compiler.source.Diagnostics;
import nnet.compiler.source.Span;

/**
 * Where user modules are found: {@code NAME.nnet} beside the importing file, then in each import root
 * in order. Nothing outside those directories is read: a module name is an identifier, so it has no
 * '..' and is never absolute, and a file that is a link leading out of its directory is refused.
 */
final class ImportPath {
    private static final String NAME = "[A-Za-z_][A-Za-z_0-9]*";
    private static final String EXTENSION = ".nnet";

    private final List<Path> roots;

    private ImportPath(List<Path> roots) {
        this.roots = roots;
    }

    /** The roots that are directories; each one that is not is reported. */
    static ImportPath of(List<Path> roots, Diagnostics d) {
        List<Path> usable = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                usable.add(root);
            } else {
                d.error(Span.none(root.toString()), "import path entry is not a directory");
            }
        }
        return new ImportPath(usable);
    }

    /**
     * A module's file as found from a file in {@code beside} (null for a source that is not a file):
     * {@code file} as shown to users, {@code real} to tell files apart, or {@code refused} saying why a
     * file that is there cannot be used.
     */
    record Found(Path file, Path real, String refused) {
    }

    /** The first file for module {@code name}, or null if there is none. */
    Found find(String name, Path beside) {
        if (!name.matches(NAME)) {
            return null;
        }
        for (Path dir : directories(beside)) {
            Path file = dir.resolve(name + EXTENSION);
            if (Files.exists(file)) {
                return check(file, dir);
            }
        }
        return null;
    }

    private static Found check(Path file, Path dir) {
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(dir.toRealPath())) {
                return new Found(file, real, file + " leads outside " + shown(dir)
                        + "; modules are only read from inside the importing file's directory and the import path");
            }
            if (!Files.isRegularFile(real)) {
                return new Found(file, real, file + " is not a file");
            }
            return new Found(file, real, null);
        } catch (IOException e) {
            return new Found(file, file, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The directories searched for an import from a file in {@code beside}, in order. */
    List<Path> directories(Path beside) {
        List<Path> dirs = new ArrayList<>();
        if (beside != null) {
            dirs.add(beside);
        }
        dirs.addAll(roots);
        return dirs;
    }

    /** The modules the searched directories hold, for suggestions. */
    List<String> moduleNames(Path beside) {
        List<String> names = new ArrayList<>();
        for (Path dir : directories(beside)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + EXTENSION)) {
                for (Path f : files) {
                    String stem = f.getFileName().toString();
                    stem = stem.substring(0, stem.length() - EXTENSION.length());
                    if (stem.matches(NAME)) {
                        names.add(stem);
                    }
                }
            } catch (IOException unlistable) {
                // A directory that cannot be listed offers no suggestions; finding a module does not list it.
            }
        }
        return names;
    }

    /** Where {@code NAME.nnet} was looked for, for the error when it is not found. */
    String searched(String name, Path beside, String importer) {
        String file = name + EXTENSION;
        List<String> places = new ArrayList<>();
        if (beside != null) {
            places.add("beside " + importer);
        }
        if (!roots.isEmpty()) {
            places.add("in the import path (" + String.join(", ", roots.stream().map(ImportPath::shown).toList())
                    + ")");
        }
        return places.isEmpty() ? "no import path is given to look for " + file + " in"
                : "there is no " + file + " " + String.join(" or ", places);
    }

    private static String shown(Path dir) {
        return dir.toString().isEmpty() ? "." : dir.toString();
    }
}
