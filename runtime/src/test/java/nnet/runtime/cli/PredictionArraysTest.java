package nnet.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import nnet.runtime.DType;
import nnet.runtime.model.IoInfo;
import org.junit.jupiter.api.Test;

/** Which files predict writes as NumPy arrays, and a .npy refused for several outputs. */
class PredictionArraysTest {
    private static IoInfo output(String name) {
        return new IoInfo(IoInfo.Kind.OUTPUT, name, DType.F32, List.of(), 0);
    }

    @Test
    void theExtensionChoosesTheFormat() {
        assertThat(PredictionArrays.wanted(Path.of("out.NPY"))).isTrue();
        assertThat(PredictionArrays.wanted(Path.of("dir.npz/out.npz"))).isTrue();
        assertThat(PredictionArrays.wanted(Path.of("out.csv"))).isFalse();
        assertThat(PredictionArrays.wanted(null)).isFalse();
    }

    @Test
    void aNpyHoldsOneOutputOnly() {
        assertThatCode(() -> PredictionArrays.check(Path.of("p.npy"), List.of(output("probs")))).doesNotThrowAnyException();
        assertThatCode(() -> PredictionArrays.check(Path.of("p.npz"), List.of(output("a"), output("b"))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> PredictionArrays.check(Path.of("p.npy"), List.of(output("a"), output("b"))))
                .isInstanceOf(UsageError.class)
                .hasMessage("p.npy: a .npy file holds one array, and the model has 2 outputs (a, b); write a .npz,"
                        + " which holds one array per output");
    }
}
