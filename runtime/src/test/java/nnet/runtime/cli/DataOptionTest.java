package nnet.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import nnet.runtime.data.DataFiles;
import org.junit.jupiter.api.Test;

class DataOptionTest {
    @Test
    void oneFileFeedsEveryInput() {
        DataFiles f = DataOption.parse(List.of("data/digits.csv"));
        assertThat(f.file()).isEqualTo(Path.of("data/digits.csv"));
        assertThat(f.perInput()).isNull();
        assertThat(DataOption.parse(List.of("./a=b.csv")).file()).isEqualTo(Path.of("./a=b.csv"));
    }

    @Test
    void namedFilesKeepTheirOrder() {
        DataFiles f = DataOption.parse(List.of("x=/d/train-images-idx3-ubyte.gz", "label_2=l=abels.npy"));
        assertThat(f.file()).isNull();
        assertThat(f.perInput()).containsExactly(java.util.Map.entry("x", Path.of("/d/train-images-idx3-ubyte.gz")),
                java.util.Map.entry("label_2", Path.of("l=abels.npy")));
    }

    @Test
    void formsCannotBeMixedOrRepeated() {
        assertThatThrownBy(() -> DataOption.parse(List.of("a.csv", "b.csv"))).isInstanceOf(UsageError.class)
                .hasMessage("--data FILE can be given once (a.csv, b.csv); for a file per input, give --data "
                        + "NAME=FILE for each");
        assertThatThrownBy(() -> DataOption.parse(List.of("x=a.npy", "all.npz"))).isInstanceOf(UsageError.class)
                .hasMessage("--data all.npz feeds every input, so it cannot be combined with --data x=FILE");
        assertThatThrownBy(() -> DataOption.parse(List.of("x=a.npy", "x=b.npy"))).isInstanceOf(UsageError.class)
                .hasMessage("--data gives input 'x' more than once");
    }
}
