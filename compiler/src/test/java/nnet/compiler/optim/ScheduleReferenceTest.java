package nnet.compiler.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nnet.compiler.api.Nnet;
import nnet.compiler.source.CompilationException;
import nnet.runtime.model.TrainConfig;
import org.junit.jupiter.api.Test;

/**
 * Learning-rate schedules of a training section give, epoch by epoch, the rates torch.optim.lr_scheduler
 * gives (compiler/src/test/python/schedule_reference.py wrote them), and bad arguments are errors, as
 * are clipping bounds that are not positive (clipping's trajectories are in OptimizerTrajectoryTest).
 */
class ScheduleReferenceTest {
    private static final String MODEL = "model M {\n  input x: f32[batch, 2]\n  param w: [2] = zeros\n"
            + "  loss = mean(x * w)\n}\n";

    private static TrainConfig config(String optimizer, String schedule, int epochs) {
        String source = MODEL + "train M {\n  optimizer = " + optimizer + "\n  schedule = " + schedule
                + "\n  epochs = " + epochs + "\n}\n";
        return Nnet.compile("t.nnet", source).training("M");
    }

    @Test
    void ratesEqualPyTorchsEpochByEpoch() throws IOException, URISyntaxException {
        Path file = Path.of(getClass().getResource("/reference/schedules.txt").toURI());
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSizeGreaterThanOrEqualTo(5);
        for (String line : lines) {
            String[] parts = line.split(" ");
            String call = switch (parts[0]) {
                case "step" -> "step_lr";
                case "multistep" -> "multistep_lr";
                case "exponential" -> "exponential_lr";
                case "linear" -> "linear_lr";
                default -> "cosine_annealing_lr";
            };
            List<String> args = new ArrayList<>();
            List<String> milestones = new ArrayList<>();
            for (String a : parts[1].split(",")) {
                String[] kv = a.split("=");
                boolean integral = List.of("step_size", "t_max", "total_iters").contains(kv[0]) || kv[0].startsWith("milestone");
                String value = integral ? String.valueOf((int) Double.parseDouble(kv[1])) : kv[1];
                if (kv[0].startsWith("milestone")) {
                    milestones.add(value);
                } else {
                    args.add(kv[0] + " = " + value);
                }
            }
            if (!milestones.isEmpty()) {
                args.add(0, "milestones = [" + String.join(", ", milestones) + "]");
            }
            TrainConfig c = config("sgd(lr = " + parts[2] + ")", call + "(" + String.join(", ", args) + ")", 12);
            for (int epoch = 0; epoch < parts.length - 3; epoch++) {
                double expected = Double.parseDouble(parts[3 + epoch]);
                assertThat(c.learningRate(epoch)).as("%s, epoch %d", line.substring(0, 40), epoch)
                        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12 * Math.abs(expected) + 1e-300));
            }
        }
    }

    @Test
    void cosineAnnealingRunsOverTheEpochsByDefault() {
        TrainConfig c = config("adam(lr = 0.01)", "cosine_annealing_lr()", 4);
        assertThat(c.learningRate(0)).isEqualTo(0.01);
        assertThat(c.learningRate(2)).isCloseTo(0.005, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(c.learningRate(4)).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void clippingBoundsMustBePositive() {
        String source = MODEL + "train M {\n  optimizer = adam()\n  clip_grad_norm = 0\n  clip_grad_value = -1\n}\n";
        CompilationException e = catchThrowableOfType(CompilationException.class, () -> Nnet.compile("t.nnet", source));
        assertThat(e.diagnostics().stream().map(Object::toString).toList()).containsExactly(
                "t.nnet:8:20: error: clip_grad_norm must be a finite number > 0, got the int 0",
                "t.nnet:9:21: error: clip_grad_value must be a finite number > 0, got the int -1");
    }

    @Test
    void badSchedulesAreErrorsAtTheirArgument() {
        CompilationException e = catchThrowableOfType(CompilationException.class, () -> config("adam()",
                "step_lr(step_size = 0)", 3));
        assertThat(e.diagnostics().get(0).toString()).isEqualTo(
                "t.nnet:8:34: error: step_lr: step_size must be an int ≥ 1, got 0");
        e = catchThrowableOfType(CompilationException.class, () -> config("adam()", "adam()", 3));
        assertThat(e.diagnostics().get(0).toString()).isEqualTo("t.nnet:8:14: error: schedule must be step_lr(...),"
                + " multistep_lr(...), exponential_lr(...), cosine_annealing_lr(...) or linear_lr(...), got the"
                + " optimizer adam");
        e = catchThrowableOfType(CompilationException.class, () -> config("adam()",
                "multistep_lr(milestones = [3, 2])", 3));
        assertThat(e.diagnostics().get(0).toString()).isEqualTo(
                "t.nnet:8:40: error: multistep_lr: milestones must be increasing epochs ≥ 0, got [3, 2]");
    }
}
