package nnet.runtime.model;

import java.io.Serializable;

/**
 * How gradients are clipped before the optimizer step, as torch.nn.utils does it between backward() and
 * step(): each element to [-maxValue, maxValue] (clip_grad_value_), then all of them scaled by
 * min(1, maxNorm / (‖g‖₂ + 1e-6)) over every trainable parameter together (clip_grad_norm_). A bound
 * of 0 is not applied.
 */
public record GradientClipping(double maxNorm, double maxValue) implements Serializable {
    public GradientClipping {
        if (!(maxNorm >= 0) || !(maxValue >= 0) || Double.isInfinite(maxNorm) || Double.isInfinite(maxValue)) {
            throw new IllegalArgumentException("clipping bounds must be finite and ≥ 0: " + maxNorm + ", " + maxValue);
        }
    }

    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (maxValue > 0) {
            sb.append("gradients clipped to ±").append(maxValue);
        }
        if (maxNorm > 0) {
            sb.append(sb.length() == 0 ? "" : ", ").append("gradient norm clipped to ").append(maxNorm);
        }
        return sb.toString();
    }
}
