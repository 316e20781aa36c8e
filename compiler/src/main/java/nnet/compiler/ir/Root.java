package nnet.compiler.ir;

/**
 * A value the program must deliver: an output, the loss, a metric, a gradient or a state buffer's next
 * value; in a loop body, a carry's next value or a per-step result.
 */
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
        STATE("update"),
        /** In a loop body: the value a carried value takes for the next step. */
        CARRY("carry"),
        /** In a loop body: a value the loop stacks over the steps as one of its results. */
        STEP("step");

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
