package nnet.compiler.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.Stream;
import nnet.compiler.api.Nnet;
import nnet.compiler.source.CompilationException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * What users see for hyper-parameters torch.optim refuses: a negative learning rate, epsilon, weight
 * decay, momentum, alpha, lr_decay, initial_accumulator_value or momentum_decay, and betas outside
 * [0, 1); also values that are not numbers, and torch's betas tuple. Each error is reported at the
 * argument, as {@code line:col: error: message}, and nothing else may be reported.
 */
class OptimizerDiagnosticsTest {

    record Case(String optimizer, List<String> expected) {
    }

    private static Case c(String optimizer, String... expected) {
        return new Case(optimizer, List.of(expected));
    }

    /** The optimizer expression starts at 6:15. */
    private static String source(String optimizer) {
        return "model M {\n  input x: f32[batch, 4]\n  loss = mean(x)\n}\ntrain M {\n  optimizer = " + optimizer + "\n}\n";
    }

    static List<Case> cases() {
        return List.of(
                c("adamw(lr = -0.1)", "6:26: error: adamw: lr must be a finite number ≥ 0, got -0.1"),
                c("adamw(weight_decay = -0.01)", "6:36: error: adamw: weight_decay must be a finite number ≥ 0, got -0.01"),
                c("adam(beta1 = 1)", "6:28: error: adam: beta1 must be in [0, 1), got 1.0"),
                c("adamw(0.001, 0.9, 1.0)", "6:33: error: adamw: beta2 must be in [0, 1), got 1.0"),
                c("adam(eps = -1e-8, amsgrad = true)", "6:26: error: adam: eps must be a finite number ≥ 0, got -1.0E-8"),
                c("adam(amsgrad = 1)", "6:30: error: argument 'amsgrad' of 'adam' must be true or false, got the int 1"),
                c("adam(betas = [0.9, 0.99])",
                        "6:20: error: 'adam' has no parameter 'betas'; its parameters are lr, beta1, beta2, eps, "
                                + "weight_decay, amsgrad"),
                c("rmsprop(lr = -1)", "6:28: error: rmsprop: lr must be a finite number ≥ 0, got -1.0"),
                c("rmsprop(alpha = -0.5)", "6:31: error: rmsprop: alpha must be a finite number ≥ 0, got -0.5"),
                c("rmsprop(momentum = -0.9, centered = true)",
                        "6:34: error: rmsprop: momentum must be a finite number ≥ 0, got -0.9"),
                c("rmsprop(centered = \"yes\")",
                        "6:34: error: argument 'centered' of 'rmsprop' must be true or false, got the string \"yes\""),
                c("adagrad(lr_decay = -0.1)", "6:34: error: adagrad: lr_decay must be a finite number ≥ 0, got -0.1"),
                c("adagrad(initial_accumulator_value = -0.1)",
                        "6:51: error: adagrad: initial_accumulator_value must be a finite number ≥ 0, got -0.1"),
                c("adagrad(eps = -1)", "6:29: error: adagrad: eps must be a finite number ≥ 0, got -1.0"),
                c("nadam(beta2 = 1.5)", "6:29: error: nadam: beta2 must be in [0, 1), got 1.5"),
                c("nadam(momentum_decay = -0.004)",
                        "6:38: error: nadam: momentum_decay must be a finite number ≥ 0, got -0.004"),
                c("radam(beta1 = -0.1)", "6:29: error: radam: beta1 must be a finite number ≥ 0, got -0.1"),
                c("radam(weight_decay = -1)", "6:36: error: radam: weight_decay must be a finite number ≥ 0, got -1.0"),
                c("lion(beta2 = 1)", "6:28: error: lion: beta2 must be in [0, 1), got 1.0"),
                c("lion(lr = -1e-4)", "6:25: error: lion: lr must be a finite number ≥ 0, got -1.0E-4"),
                c("lion(lr = 1e-4, weight_decay = -1)",
                        "6:46: error: lion: weight_decay must be a finite number ≥ 0, got -1.0"),
                c("lion(lr = 1e-4, momentum = 0.9)",
                        "6:31: error: 'lion' has no parameter 'momentum'; its parameters are lr, beta1, beta2, weight_decay"),
                c("adagrad", "6:15: error: unknown name 'adagrad'; 'adagrad' is a function, call it with (...)"),
                c("\"rmsprop\"", "6:15: error: optimizer must be one of sgd(...), adam(...), adamw(...), rmsprop(...), "
                        + "adagrad(...), nadam(...), radam(...), lion(...), got the string \"rmsprop\""));
    }

    @TestFactory
    Stream<DynamicTest> eachBadOptimizerGivesExactlyItsDiagnostic() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.optimizer(), () -> check(c)));
    }

    /** Every optimizer compiles with its defaults (sgd needs a learning rate). */
    @TestFactory
    Stream<DynamicTest> everyOptimizerTakesItsDefaults() {
        return Optimizers.NAMES.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            String call = name.equals("sgd") ? "sgd(lr = 0.1)" : name + "()";
            assertThat(Nnet.compile("t.nnet", source(call)).model("M").info().optimizer()).startsWith(name + "(");
        }));
    }

    private static void check(Case c) {
        CompilationException e = catchThrowableOfType(CompilationException.class,
                () -> Nnet.compile("t.nnet", source(c.optimizer())));
        assertThat(e).as("compiling %s must fail", c.optimizer()).isNotNull();
        List<String> shown = e.diagnostics().stream().map(d -> d.toString().substring("t.nnet:".length())).toList();
        assertThat(shown).as(c.optimizer()).containsExactlyElementsOf(c.expected());
    }
}
