package nnet.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository, found from the working directory (Maven runs a module's tests in the module). */
public final class Repo {
    private static final Path ROOT = find();

    private Repo() {
    }

    private static Path find() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("samples/digits/digits.nnet"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }

    public static Path root() {
        return ROOT;
    }

    /** A path relative to the repository root. */
    public static Path path(String relative) {
        return ROOT.resolve(relative);
    }
}
