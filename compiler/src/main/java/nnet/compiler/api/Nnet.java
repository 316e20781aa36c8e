package nnet.compiler.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nnet.compiler.driver.CompileOptions;
import nnet.compiler.frontend.Frontend;
import nnet.compiler.source.CompilationException;
import nnet.compiler.source.Diagnostic;
import nnet.compiler.source.SourceFile;
import nnet.compiler.source.Span;

/**
 * The entry point for Java programs that embed the compiler.
 *
 * <pre>{@code
 * Compilation c = Nnet.compile("xor.nnet", source);     // throws CompilationException
 * Model model = c.model("Xor");
 * Executor ex = model.executor(4);                        // batch size 4
 * ex.setInput("x", Tensor.of(new float[] {0,0, 0,1, 1,0, 1,1}, 4, 2));
 * ex.setInput("y", Tensor.of(new int[] {0, 1, 1, 0}, 4));
 * double loss = ex.step(0.1);                             // forward, backward, optimizer update
 * ex.predict();
 * Tensor probs = ex.output("probs");
 * }</pre>
 *
 * The library never prints and never exits; errors in the source come as a {@link CompilationException}
 * holding {@link Diagnostic} objects.
 */
public final class Nnet {
    private Nnet() {
    }

    public static Compilation compile(String name, String source) {
        return compile(name, source, CompileOptions.defaults());
    }

    /** Compiles a source given as text; it finds imported user modules in the options' import path only. */
    public static Compilation compile(String name, String source, CompileOptions options) {
        SourceFile file = new SourceFile(name, source);
        return new Compilation(Frontend.compile(file, null, options.importPath()), options);
    }

    public static Compilation compile(Path path) {
        return compile(path, CompileOptions.defaults());
    }

    /**
     * Reads and compiles a file; an unreadable or non-UTF-8 file is reported as a diagnostic too. It finds
     * imported user modules beside it, then in the options' import path.
     */
    public static Compilation compile(Path path, CompileOptions options) {
        SourceFile file = SourceFile.fromBytes(path.toString(), read(path), error -> {
            throw new CompilationException(error);
        });
        return new Compilation(Frontend.compile(file, path, options.importPath()), options);
    }

    static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (java.nio.file.NoSuchFileException e) {
            throw fileError(path, "does not exist");
        } catch (IOException e) {
            throw fileError(path, "cannot be read: " + e.getMessage());
        }
    }

    private static CompilationException fileError(Path path, String what) {
        return new CompilationException(Diagnostic.error(Span.none(path.toString()), "file " + what));
    }
}
