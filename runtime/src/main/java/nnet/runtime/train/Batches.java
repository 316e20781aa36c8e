package nnet.runtime.train;

import java.util.HashMap;
import java.util.Map;
import nnet.runtime.Executor;
import nnet.runtime.Model;

/**
 * Executors by batch size: one for full batches, and one more for the last, smaller batch of an
 * epoch, so that no example is dropped. All share the model's parameters.
 */
final class Batches {
    private final Model model;
    private final Map<Integer, Executor> executors = new HashMap<>();

    Batches(Model model) {
        this.model = model;
    }

    Executor of(int size) {
        return executors.computeIfAbsent(size, model::executor);
    }
}
