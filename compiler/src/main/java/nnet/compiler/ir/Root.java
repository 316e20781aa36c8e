package nnet.compiler.ir;

/** A value the program must deliver: an output, the loss, a metric, a gradient or a state buffer's next value. */
public record Root(Kind kind, String name, int node) {

    public enum Kind {
        OUTPUT("output"),
        LOSS("loss"),
        METRIC("metric"),
        /** The loss gradient of a parameter. */
        GRAD("grad"),
        /** The loss gradient of a floating-point input. */
        INPUT_GRAD("input_grad"),
        /** The next value of a state buffer, written when the program ends. */
        STATE("update");

        private final String spelling;

        Kind(String spelling) {
            this.spelling = spelling;
        }

        public String spelling() {
            return spelling;
        }
    }

    public Root withNode(int n) {
        return new Root(kind, name, n);
    }
}
