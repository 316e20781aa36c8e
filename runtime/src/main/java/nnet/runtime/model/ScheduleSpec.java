package nnet.runtime.model;

import java.io.Serializable;
import java.util.Map;

/**
 * A learning-rate schedule over epochs, as torch.optim.lr_scheduler's, by kind ("step", "multistep",
 * "exponential", "cosine", "linear") and its arguments by PyTorch's names (step_size, gamma, t_max,
 * eta_min, start_factor, end_factor, total_iters; MultiStepLR's milestones as milestone0, milestone1...).
 */
public record ScheduleSpec(String kind, Map<String, Double> args) implements Serializable {
    public ScheduleSpec {
        args = Map.copyOf(args);
        if (!java.util.List.of("step", "multistep", "exponential", "cosine", "linear").contains(kind)) {
            throw new IllegalArgumentException("unknown learning-rate schedule " + kind);
        }
    }

    /**
     * The learning rate of epoch {@code epoch} (0 for the first) from the optimizer's {@code base}, as
     * the scheduler gives it after {@code epoch} calls of its step(): StepLR base·γ^⌊epoch/step_size⌋,
     * ExponentialLR base·γ^epoch, CosineAnnealingLR's closed form η_min + (base − η_min)(1 + cos(π·epoch/T_max))/2,
     * MultiStepLR base·γ^(milestones reached), LinearLR base·(start + (end − start)·min(epoch, total)/total).
     */
    public double rate(double base, int epoch) {
        return switch (kind) {
            case "step" -> base * Math.pow(args.get("gamma"), Math.floor(epoch / args.get("step_size")));
            case "multistep" -> base * Math.pow(args.get("gamma"), milestonesReached(epoch));
            case "linear" -> {
                double start = args.get("start_factor");
                double total = args.get("total_iters");
                yield base * (start + (args.get("end_factor") - start) * Math.min(epoch, total) / total);
            }
            case "exponential" -> base * Math.pow(args.get("gamma"), epoch);
            default -> {
                double min = args.get("eta_min");
                yield min + (base - min) * (1 + Math.cos(Math.PI * epoch / args.get("t_max"))) / 2;
            }
        };
    }

    private int milestonesReached(int epoch) {
        int reached = 0;
        for (int i = 0; args.containsKey("milestone" + i); i++) {
            reached += args.get("milestone" + i) <= epoch ? 1 : 0;
        }
        return reached;
    }

    public String describe() {
        return CallText.of(kind, args);
    }
}
