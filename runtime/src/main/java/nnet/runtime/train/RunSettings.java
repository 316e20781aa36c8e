package nnet.runtime.train;

import java.util.LinkedHashMap;
import java.util.Map;
import nnet.runtime.model.TrainConfig;

/**
 * The settings of a training run that decide every step besides the model: the training configuration
 * (all but the number of epochs, which a resumed run may extend) and the sizes of the training and
 * validation splits, which tell whether the data are the same.
 */
public record RunSettings(TrainConfig config, int trainExamples, int validationExamples) {

    /** Each setting by the name a message shows, its value as text, in a fixed order. */
    public Map<String, String> values() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("batch", Integer.toString(config.batch()));
        v.put("seed", Long.toString(config.seed()));
        v.put("validation", Double.toString(config.validation()));
        v.put("shuffle", Boolean.toString(config.shuffle()));
        v.put("lr", Double.toString(config.optimizer().get("lr")));
        v.put("schedule", config.schedule() == null ? "none" : config.schedule().describe());
        v.put("clipping", config.clipping() == null ? "none" : config.clipping().describe());
        v.put("training examples", Integer.toString(trainExamples));
        v.put("validation examples", Integer.toString(validationExamples));
        return v;
    }
}
