package nnet.compiler.frontend;

import static nnet.compiler.frontend.Signature.Kind.INTS;
import static nnet.compiler.frontend.Signature.Kind.TENSOR;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ast.Expr;
import nnet.compiler.source.Diagnostic;
import nnet.compiler.source.Diagnostics;
import nnet.compiler.source.SourceFile;
import nnet.compiler.source.Span;
import org.junit.jupiter.api.Test;

/** How a builtin's signature binds string arguments: a fixed set of strings, or strings besides another kind. */
class SignatureTest {
    private static final Span AT = new Span(new SourceFile("t.nnet", "f(...)"), 1, 1, 1);
    private static final Signature CONV = Signature.of(Signature.required("input", TENSOR),
            Signature.optional("padding", INTS, new Value.Int(0)).or("same", "valid"),
            Signature.oneOf("reduction", "mean", "sum", "none"));

    /** Binds named arguments (name, value pairs) and returns the bound values, or the error messages. */
    private static List<?> bind(Object... named) {
        List<Expr.Arg> args = new ArrayList<>();
        List<Value> values = new ArrayList<>();
        args.add(new Expr.Arg(null, new Expr.IntLit(1, AT), AT));
        values.add(new Value.Int(1));
        for (int i = 0; i < named.length; i += 2) {
            args.add(new Expr.Arg((String) named[i], new Expr.IntLit(0, AT), AT));
            values.add((Value) named[i + 1]);
        }
        Diagnostics d = new Diagnostics();
        List<Signature.Bound> bound = CONV.bind("conv", args, values, AT, d);
        if (bound == null) {
            return d.all().stream().map(Diagnostic::message).toList();
        }
        return bound.stream().map(Signature.Bound::value).toList();
    }

    @Test
    void aStringParameterTakesItsChoicesAndDefaultsToTheFirst() {
        assertThat(bind()).isEqualTo(List.of(new Value.Int(1), new Value.ListValue(List.of(new Value.Int(0))),
                new Value.Str("mean")));
        assertThat(bind("reduction", new Value.Str("none"))).last().isEqualTo(new Value.Str("none"));
        assertThat(bind("reduction", new Value.Str("sun"))).isEqualTo(List.of("argument 'reduction' of 'conv' must "
                + "be one of \"mean\", \"sum\", \"none\", got the string \"sun\"; did you mean \"sum\"?"));
        assertThat(bind("reduction", new Value.Int(1))).isEqualTo(List.of("argument 'reduction' of 'conv' must "
                + "be one of \"mean\", \"sum\", \"none\", got the int 1"));
    }

    @Test
    void aParameterOfAnotherKindTakesItsStringsToo() {
        assertThat(bind("padding", new Value.Str("same"))).element(1).isEqualTo(new Value.Str("same"));
        assertThat(bind("padding", new Value.Int(2))).element(1)
                .isEqualTo(new Value.ListValue(List.of(new Value.Int(2))));
        assertThat(bind("padding", new Value.Str("full"))).isEqualTo(List.of("argument 'padding' of 'conv' must "
                + "be one of \"same\", \"valid\" or an int or a list of ints, got the string \"full\""));
        assertThat(bind("padding", new Value.Float(1.5))).isEqualTo(List.of("argument 'padding' of 'conv' must "
                + "be one of \"same\", \"valid\" or an int or a list of ints, got the float 1.5"));
    }
}
