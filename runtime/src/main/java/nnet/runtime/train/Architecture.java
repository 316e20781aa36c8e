package nnet.runtime.train;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import nnet.runtime.Tensor;
import nnet.runtime.model.IoInfo;
import nnet.runtime.model.ModelInfo;
import nnet.runtime.model.ParamInfo;
import nnet.runtime.model.StateInfo;

/**
 * A fingerprint of what a checkpoint must agree with to be resumed: the model's name, its inputs and
 * outputs, its parameters (trainable or frozen) and state buffers, and its optimizer with its slots. The
 * generated code is left out on purpose: compiling with other options (no fusion...) computes the same.
 */
final class Architecture {
    private Architecture() {
    }

    /** The hex SHA-256 of {@link #describe}. */
    static String hash(ModelInfo info) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(describe(info).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** One line per element of the fingerprint, in declaration order. */
    static String describe(ModelInfo info) {
        StringBuilder sb = new StringBuilder("model ").append(info.name()).append('\n');
        sb.append("dims ").append(info.dims()).append('\n');
        for (IoInfo io : info.io()) {
            sb.append(io.kind()).append(' ').append(io.name()).append(' ').append(io.describe(info.dims())).append('\n');
        }
        for (ParamInfo p : info.params()) {
            sb.append("param ").append(p.name()).append(' ').append(p.dtype()).append(Tensor.shapeString(p.shape()))
                    .append(p.trainable() ? "" : " frozen").append('\n');
        }
        for (StateInfo s : info.states()) {
            sb.append("buffer ").append(s.name()).append(' ').append(s.dtype()).append(Tensor.shapeString(s.shape()))
                    .append('\n');
        }
        sb.append("optimizer ").append(optimizer(info)).append(' ').append(info.slots()).append(" slots\n");
        return sb.toString();
    }

    /**
     * The optimizer's kind and compiled-in hyper-parameters. The learning rate is left out: it is a run-time
     * value (--lr, schedules), which resuming checks separately.
     */
    static String optimizer(ModelInfo info) {
        if (info.train() == null) {
            return "none";
        }
        java.util.Map<String, Double> hyper = new java.util.TreeMap<>(info.train().optimizer().hyper());
        hyper.remove("lr");
        return info.train().optimizer().kind() + hyper;
    }
}
