package nnet.runtime.model;

import java.io.Serializable;
import java.util.Map;

/** An optimizer and its hyper-parameters by PyTorch's names (lr, momentum, beta1, eps...). */
public record OptimizerSpec(String kind, Map<String, Double> hyper) implements Serializable {
    public OptimizerSpec {
        hyper = Map.copyOf(hyper);
    }

    public double get(String name) {
        Double v = hyper.get(name);
        if (v == null) {
            throw new IllegalArgumentException(kind + " has no hyper-parameter " + name);
        }
        return v;
    }

    public String describe() {
        return CallText.of(kind, hyper);
    }
}
