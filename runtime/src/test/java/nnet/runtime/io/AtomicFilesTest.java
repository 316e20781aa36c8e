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

    @Test
    void sweepingDeletesOnlyTheTemporariesOfTheNamedTargets() throws IOException {
        Files.write(dir.resolve(".w.safetensors.3fa9c2.tmp"), new byte[100]);
        Files.write(dir.resolve(".w.safetensors.deadbeefdeadbeef.tmp"), new byte[20]);
        Files.writeString(dir.resolve(".other.safetensors.3fa9c2.tmp"), "someone else's");
        Files.writeString(dir.resolve(".w.safetensors.not-hex.tmp"), "not ours");
        Files.writeString(dir.resolve("w.safetensors"), "the weights");
        long freed = AtomicFiles.sweepStale(dir, "w.safetensors"::equals);
        assertThat(freed).isEqualTo(120);
        assertThat(filesIn(dir)).containsExactly(".other.safetensors.3fa9c2.tmp", ".w.safetensors.not-hex.tmp",
                "w.safetensors");
    }

    @Test
    void aWriteLockIsExclusiveUntilClosedAndLeavesNoFile() {
        Path lockFile = WriteLock.fileFor(dir.resolve("w.safetensors"));
        assertThat(lockFile.getFileName().toString()).isEqualTo(".w.safetensors.lock");
        try (WriteLock first = WriteLock.acquire(lockFile, "taken")) {
            assertThatThrownBy(() -> WriteLock.acquire(lockFile, "taken by the first")).isInstanceOf(DataException.class)
                    .hasMessage("taken by the first");
        }
        assertThat(lockFile).doesNotExist();
        WriteLock.acquire(lockFile, "free again").close();
    }

    private static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
