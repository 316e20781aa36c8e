package nnet.compiler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nnetc summary: the table of layers (calls that declare parameters) with their output shapes and
 * parameter counts, nested calls indented under theirs; totals; FLOPs counted as documented; memory.
 */
class SummaryCliTest {
    @TempDir
    Path dir;

    private CheckCliTest.Run summary(String source) throws IOException {
        Path file = Files.writeString(dir.resolve("m.nnet"), source);
        return CheckCliTest.nnetc("summary", file.toString());
    }

    @Test
    void digitsListsItsLayersParametersFlopsAndMemory() {
        CheckCliTest.Run r = CheckCliTest.nnetc("summary", nnet.testing.Repo.path("samples/digits/digits.nnet").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("(?m)^h \\(linear\\) +f32\\[batch, 128\\] +8,320 +9$")
                .containsPattern("(?m)^logits \\(linear\\) +f32\\[batch, 10\\] +1,290 +10$")
                .containsPattern("(?m)^x \\(input\\) +f32\\[batch, 64\\]$")
                .contains("Parameters: 9,610 (38.44 kB): trainable 9,610, frozen 0")
                .containsPattern("FLOPs, forward \\(predict\\): [0-9,]+ per example")
                .containsPattern("FLOPs, training step \\(forward and backward\\): [0-9,]+ per example")
                .contains("Memory with batch=32: parameters 38.44 kB, gradients 38.44 kB, optimizer state 76.88 kB")
                .containsPattern("program train: arena [0-9.]+ kB in \\d+ buffers");
    }

    @Test
    void aMatrixProductCostsTwoMultiplyAddOperandsPerProduct() throws IOException {
        CheckCliTest.Run r = summary("""
                model M {
                  input x: f32[batch, 64]
                  param w: [64, 10] = zeros
                  output y = x @ w
                }
                """);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("FLOPs, forward (predict): " + String.format("%,d", 2 * 64 * 10) + " per example")
                .contains("(the model's own parameters)");
    }

    @Test
    void nestedCallsAreIndentedAndNamedRelativeToTheirsAndFrozenParametersCounted() throws IOException {
        CheckCliTest.Run r = summary("""
                import nn

                fn block(x, n: int) {
                  frozen param scale: [n] = ones
                  return relu(nn.linear(x, n) as parts[0]) * scale
                }

                model M {
                  input x: f32[batch, 8]
                  h = block(x, 4) as b1
                  output y = nn.linear(h, 2) as head
                }
                """);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("(?m)^b1 \\(block\\) +f32\\[batch, 4\\] +40 +10$")
                .containsPattern("(?m)^  parts\\.0 \\(linear\\) +f32\\[batch, 4\\] +36 +5$")
                .containsPattern("(?m)^head \\(linear\\) +f32\\[batch, 2\\] +10 +11$")
                .contains("Parameters: 50 (200 B): trainable 46, frozen 4");
    }

    @Test
    void aModelWithoutOutputsCountsTheForwardPassOfItsLoss() throws IOException {
        CheckCliTest.Run r = summary("""
                model M {
                  input x: f32[batch, 64]
                  param w: [64, 10] = zeros
                  loss = sum(x @ w)
                }
                """);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("FLOPs, forward \\(evaluate: loss and metrics\\): [0-9,]+ per example")
                .containsPattern("FLOPs, training step \\(forward and backward\\): [0-9,]+ per example")
                .contains("Memory with batch=1: ");
    }

    @Test
    void helpListsTheCommands() {
        CheckCliTest.Run r = CheckCliTest.nnetc("help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("summary", "plot", "train", "eval", "predict");
    }
}
