package nnet.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nnet.compiler.api.Compilation;
import nnet.compiler.api.Nnet;
import nnet.compiler.source.CompilationException;
import nnet.compiler.source.Diagnostic;
import nnet.runtime.memory.MemoryNeeds;
import nnet.runtime.model.ModelInfo;
import nnet.testing.Fuzz;
import nnet.testing.Repo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged copies of the project's own samples, compiled from a file as {@code nnetc} compiles them:
 * every outcome is a compiled model (its bytecode generated and, unless it is large, loaded, which
 * runs the JVM's verifier) or diagnostics that point into the file, never another exception, an
 * internal error or a hang. The campaign runs for a bounded time (see {@link Fuzz}).
 */
class SourceFuzzTest {
    private static final double SECONDS = 25;
    private static final double CASE_SECONDS = 20;
    /** Longer than the excerpt of a long source line, shorter than the lines a damaged file can hold. */
    private static final int MAX_RENDERED_LINE = 260;
    /** Models larger than this are compiled to bytecode but not loaded and given their parameters. */
    private static final long MODEL_BYTES = 200_000_000;
    private static final List<String> SAMPLES = samples();

    @TempDir
    Path dir;

    private static List<String> samples() {
        try (Stream<Path> files = Files.walk(Repo.path("samples"))) {
            List<String> out = new ArrayList<>();
            for (Path p : files.filter(p -> p.toString().endsWith(".nnet")).sorted().toList()) {
                out.add(Files.readString(p));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSamplesCompileUndamaged() {
        // Damaged copies only test the compiler's error paths if the originals are valid.
        assertThat(SAMPLES).hasSizeGreaterThanOrEqualTo(9);
        for (String sample : SAMPLES) {
            assertThat(Nnet.compile("sample.nnet", sample).modelNames()).isNotEmpty();
        }
    }

    @Test
    void damagedSamplesCompileOrGetDiagnostics() {
        Path file = dir.resolve("damaged.nnet");
        Fuzz.Outcome outcome = Fuzz.run("sources", SECONDS, CASE_SECONDS,
                r -> SourceEdits.damage(SAMPLES.get(r.nextInt(SAMPLES.size())), r), c -> {
                    Files.write(file, c.bytes());
                    compilesOrReports(file);
                });
        assertThat(outcome.cases()).isPositive();
    }

    private static void compilesOrReports(Path file) {
        try {
            Compilation c = Nnet.compile(file);
            for (String name : c.modelNames()) {
                ModelInfo info = c.compiled(name).info();
                // A damaged size (padding = 255) can make a model of gigabytes, which is no error.
                if (MemoryNeeds.model(info) < MODEL_BYTES) {
                    c.model(name);
                }
            }
        } catch (CompilationException e) {
            assertThat(e.errorCount()).isPositive();
            for (Diagnostic d : e.diagnostics()) {
                String rendered = d.render();
                assertThat(rendered).doesNotContain("Exception").doesNotContain("internal error");
                // The lines after the message quote the source and point into it.
                assertThat(rendered.lines().skip(1)).allSatisfy(line -> assertThat(line).hasSizeLessThan(MAX_RENDERED_LINE));
            }
        }
    }
}
