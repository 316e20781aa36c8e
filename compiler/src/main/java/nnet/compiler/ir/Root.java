package nnet.compiler.ir;

/** A value the program must deliver: an output, the loss, a metric or a gradient. */
public record Root(Kind kind, String name, int node) {

    public enum Kind {
        OUTPUT("output"),
        LOSS("loss"),
        METRIC("metric"),
        /** The loss gradient of a parameter. */
        GRAD("grad"),
        /** The loss gradient of a floating-point input. */
        INPUT_GRAD("input_grad");

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
