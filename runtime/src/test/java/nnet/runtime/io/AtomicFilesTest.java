package nnet.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void createsANewFile() throws IOException {
        Path target = dir.resolve("new.bin");
        AtomicFiles.write(target, out -> out.write("hello".getBytes(StandardCharsets.UTF_8)));
        assertThat(target).hasContent("hello");
        assertThat(filesIn(dir)).containsExactly("new.bin");
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path target = dir.resolve("weights.bin");
        Files.writeString(target, "old contents that are longer");
        AtomicFiles.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertThat(target).hasContent("new");
        assertThat(filesIn(dir)).containsExactly("weights.bin");
    }

    @Test
    void aFailingBodyLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("weights.bin");
        Files.writeString(target, "good");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(target).hasContent("good");
        assertThat(filesIn(dir)).containsExactly("weights.bin");
    }

    @Test
    void anUncheckedFailureAlsoCleansUp() throws IOException {
        Path target = dir.resolve("weights.bin");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void closingTheStreamInTheBodyIsHarmless() throws IOException {
        Path target = dir.resolve("closed.bin");
        AtomicFiles.write(target, out -> {
            out.write('a');
            out.close();
        });
        assertThat(target).hasContent("a");
    }

    @Test
    void worksWithARelativePath() throws IOException {
        Path target = Path.of("target", "atomic-files-test-" + ProcessHandle.current().pid() + ".bin");
        try {
            AtomicFiles.write(target, out -> out.write('x'));
            assertThat(target).hasContent("x");
        } finally {
            Files.deleteIfExists(target);
        }
    }

    private static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
