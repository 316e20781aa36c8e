package nnet.runtime.model;

import java.io.Serializable;
import java.util.Map;

/**
 * A learning-rate schedule over epochs, as torch.optim.lr_scheduler's, by kind ("step", "exponential",
 * "cosine") and its arguments by PyTorch's names (step_size, gamma, t_max, eta_min).
 */
public record ScheduleSpec(String kind, Map<String, Double> args) implements Serializable {
    public ScheduleSpec {
        args = Map.copyOf(args);
        if (!kind.equals("step") && !kind.equals("exponential") && !kind.equals("cosine")) {
            throw new IllegalArgumentException("unknown learning-rate schedule " + kind);
        }
    }

    /**
     * The learning rate of epoch {@code epoch} (0 for the first) from the optimizer's {@code base}, as
     * the scheduler gives it after {@code epoch} calls of its step(): StepLR base·γ^⌊epoch/step_size⌋,
     * ExponentialLR base·γ^epoch, CosineAnnealingLR's closed form η_min + (base − η_min)(1 + cos(π·epoch/T_max))/2.
     */
    public double rate(double base, int epoch) {
        return switch (kind) {
            case "step" -> base * Math.pow(args.get("gamma"), Math.floor(epoch / args.get("step_size")));
            case "exponential" -> base * Math.pow(args.get("gamma"), epoch);
            default -> {
                double min = args.get("eta_min");
                yield min + (base - min) * (1 + Math.cos(Math.PI * epoch / args.get("t_max"))) / 2;
            }
        };
    }

    public String describe() {
        StringBuilder sb = new StringBuilder(kind).append('(');
        boolean first = true;
        for (String k : new java.util.TreeSet<>(args.keySet())) {
            sb.append(first ? "" : ", ").append(k).append('=').append(args.get(k));
            first = false;
        }
        return sb.append(')').toString();
    }
}
