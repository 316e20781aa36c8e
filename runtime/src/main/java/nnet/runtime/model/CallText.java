package nnet.runtime.model;

import java.util.Map;
import java.util.TreeSet;

/** A setting written as a call for messages: {@code adam(beta1=0.9, lr=0.001)}, arguments by name. */
final class CallText {
    private CallText() {
    }

    static String of(String kind, Map<String, Double> args) {
        StringBuilder sb = new StringBuilder(kind).append('(');
        boolean first = true;
        for (String k : new TreeSet<>(args.keySet())) {
            sb.append(first ? "" : ", ").append(k).append('=').append(args.get(k));
            first = false;
        }
        return sb.append(')').toString();
    }
}
