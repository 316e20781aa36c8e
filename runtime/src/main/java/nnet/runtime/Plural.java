package nnet.runtime;

/** Counts in messages, with the noun agreeing: "1 epoch", "3 epochs", "1 class", "2 classes". */
public final class Plural {
    private Plural() {
    }

    /** {@code n} and {@code noun}, with an "s" unless n is 1. */
    public static String of(long n, String noun) {
        return of(n, noun, noun + "s");
    }

    public static String of(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
