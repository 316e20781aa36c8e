package nnet.compiler.ops;

import java.util.Locale;

/** How a loss reduces its per-element values, as PyTorch's {@code reduction} argument. */
public enum Reduction {
    MEAN, SUM, NONE;

    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reduction spelled {@code s} ("mean", "sum", "none"), or null. */
    public static Reduction parse(String s) {
        for (Reduction r : values()) {
            if (r.spelling().equals(s)) {
                return r;
            }
        }
        return null;
    }
}
