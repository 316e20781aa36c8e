package nnet.compiler.ir;

/** Comparisons; as in IEEE 754, every comparison with NaN is false except NE. */
public enum CompareFn {
    LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

    private final String spelling;

    CompareFn(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }

    public static CompareFn fromSpelling(String s) {
        for (CompareFn c : values()) {
            if (c.spelling.equals(s)) {
                return c;
            }
        }
        throw new IllegalArgumentException(s);
    }

    public boolean test(double a, double b) {
        return switch (this) {
            case LT -> a < b;
            case LE -> a <= b;
            case GT -> a > b;
            case GE -> a >= b;
            case EQ -> a == b;
            case NE -> a != b;
        };
    }
}
