package nnet.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorRelaunchTest {
    @TempDir
    Path dir;

    private static String copied(String childErr) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VectorRelaunch.copyWithoutNotice(new ByteArrayInputStream(childErr.getBytes(StandardCharsets.UTF_8)), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theJvmsNoticeIsDroppedAndEverythingElsePassesAsItCame() {
        String notice = "WARNING: Using incubator modules: jdk.incubator.vector\n";
        assertThat(copied(notice + "error: bad row\r 3/10\r 4/10")).isEqualTo("error: bad row\r 3/10\r 4/10");
        assertThat(copied("error: first\n" + notice)).isEqualTo("error: first\n" + notice);
        assertThat(copied("a line much longer than the notice, which must come through whole and unchanged\nz"))
                .isEqualTo("a line much longer than the notice, which must come through whole and unchanged\nz");
        assertThat(copied("")).isEmpty();
        assertThat(copied("short")).isEqualTo("short");
    }

    @Test
    void onlyTrainingAndLargeDataAreWorthASecondJvm() throws IOException {
        Path small = Files.write(dir.resolve("small.csv"), new byte[1000]);
        Path large = Files.write(dir.resolve("large.csv"), new byte[(int) VectorRelaunch.LARGE_DATA_BYTES + 1]);
        assertThat(VectorRelaunch.heavy(new String[] {"train", "--data", small.toString()})).isTrue();
        assertThat(VectorRelaunch.heavy(new String[] {"predict", "--data", small.toString()})).isFalse();
        assertThat(VectorRelaunch.heavy(new String[] {"predict", "--data", large.toString()})).isTrue();
        assertThat(VectorRelaunch.heavy(new String[] {"eval", "--data=x=" + large})).isTrue();
        assertThat(VectorRelaunch.heavy(new String[] {"eval", "--data", "x=" + small, "--data", "y=" + large})).isTrue();
        assertThat(VectorRelaunch.heavy(new String[] {"eval", "--data", dir.resolve("missing").toString()})).isFalse();
        assertThat(VectorRelaunch.heavy(new String[] {"info"})).isFalse();
        assertThat(VectorRelaunch.heavy(new String[] {"compile", "m.nnet"})).isFalse();
    }
}
