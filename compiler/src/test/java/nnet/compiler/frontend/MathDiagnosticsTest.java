package nnet.compiler.frontend;

import static nnet.compiler.frontend.DiagnosticsTest.H;
import static nnet.compiler.frontend.DiagnosticsTest.c;

import java.util.List;
import java.util.stream.Stream;
import nnet.compiler.frontend.DiagnosticsTest.Case;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * What users see for bad calls of the elementwise math builtins, the activations and the reductions:
 * each diagnostic exactly, at the argument it is about (as {@link DiagnosticsTest} checks them).
 */
class MathDiagnosticsTest {
    private static final String I = "  input i: i32[batch, 4]\n";

    static List<Case> cases() {
        return List.of(
                c("clamp without bounds",
                        H + "  output y = clamp(x)\n}\n",
                        "3:14: error: 'clamp' needs at least one of 'min' and 'max'"),
                c("clamp with a string bound",
                        H + "  output y = clip(x, min = \"a\")\n}\n",
                        "3:28: error: argument 'min' of 'clip' must be a tensor or a number, got the string \"a\""),
                c("clamp with bounds that do not broadcast",
                        H + "  input b: f32[3]\n  output y = clamp(x, max = b)\n}\n",
                        "4:14: error: 'clamp' cannot broadcast shapes f32[batch, 4] and f32[3]"),
                c("round to too many decimals",
                        H + "  output y = round(x, decimals = 1000)\n}\n",
                        "3:34: error: decimals must be between -300 and 300, got 1000"),
                c("activations with bad arguments",
                        H + "  a = hardtanh(x, 2, 1)\n  b = celu(x, 0)\n  c = gelu(x, approximate = \"tan\")\n"
                                + "  d = softplus(x, beta = \"2\")\n  output y = x\n}\n",
                        "3:7: error: in 'hardtanh': min_val (2.0) must not exceed max_val (1.0)",
                        "4:7: error: in 'celu': alpha must not be 0",
                        "5:29: error: argument 'approximate' of 'gelu' must be one of \"none\", \"tanh\", got the "
                                + "string \"tan\"; did you mean \"tanh\"?",
                        "6:26: error: argument 'beta' of 'softplus' must be a number, got the string \"2\""),
                c("glu of an odd dim",
                        H + "  input z: f32[batch, 3]\n  a = glu(x, 0)\n  b = glu(z)\n  output y = x\n}\n",
                        "4:7: error: 'glu' halves dim 0 of f32[batch, 4], whose size batch is not even",
                        "5:7: error: 'glu' halves dim 1 of f32[batch, 3], whose size 3 is not even"),
                c("reductions of integers",
                        H + I + "  a = norm(i)\n  b = logsumexp(i, 1)\n  c = prod(i)\n  d = amax(i)\n  e = max(i)\n"
                                + "  output y = x\n}\n",
                        "4:12: error: 'norm' needs a floating-point tensor, got i32[batch, 4]",
                        "5:17: error: 'logsumexp' needs a floating-point tensor, got i32[batch, 4]",
                        "6:12: error: 'prod' needs a floating-point tensor, got i32[batch, 4]",
                        "7:12: error: 'amax' needs a floating-point tensor, got i32[batch, 4]",
                        "8:11: error: 'max' needs a floating-point tensor, got i32[batch, 4]"),
                c("reduction dims out of range",
                        H + "  a = cumsum(x, 2)\n  b = amin(x, [0, 5])\n  c = argmax(x, -3)\n"
                                + "  d = logsumexp(x, [0, 2])\n  e = norm(x, 2, 3)\n  output y = x\n}\n",
                        "3:17: error: dim 2 is out of range for a tensor of rank 2 (valid: -2 to 1)",
                        "4:15: error: dim 5 is out of range for a tensor of rank 2 (valid: -2 to 1)",
                        "5:17: error: dim -3 is out of range for a tensor of rank 2 (valid: -2 to 1)",
                        "6:20: error: dim 2 is out of range for a tensor of rank 2 (valid: -2 to 1)",
                        "7:18: error: dim 3 is out of range for a tensor of rank 2 (valid: -2 to 1)"),
                c("a dim given twice",
                        H + "  a = amax(x, [1, -1])\n  b = logsumexp(x, dim = [0, 0])\n  output y = x\n}\n",
                        "3:15: error: dim 1 appears more than once in [1, -1]",
                        "4:26: error: dim 0 appears more than once in [0, 0]"),
                c("max and min over several dims",
                        H + "  a = max(x, [0, 1])\n  b = min(x, 1.5)\n  output y = x\n}\n",
                        "3:14: error: 'max' takes one dim (an int); for the elementwise maximum use maximum(a, b), "
                                + "over several dims amax(x, dims)",
                        "4:14: error: 'min' takes one dim (an int); for the elementwise minimum use minimum(a, b), "
                                + "over several dims amin(x, dims)"),
                c("prod over several dims, logsumexp without dims",
                        H + "  a = prod(x, [0, 1])\n  b = logsumexp(x)\n  output y = x\n}\n",
                        "3:15: error: argument 'dim' of 'prod' must be an int, got a list of 2",
                        "4:7: error: 'logsumexp' needs argument 'dim'"),
                c("norms that are not vector p-norms",
                        H + "  a = norm(x, -1)\n  b = norm(x, p = 0)\n  c = norm(x, \"nuc\")\n  output y = x\n}\n",
                        "3:15: error: p must be a number > 0, \"inf\" or \"fro\", got the float -1.0",
                        "4:19: error: p must be a number > 0, \"inf\" or \"fro\", got the float 0.0",
                        "5:15: error: argument 'p' of 'norm' must be one of \"fro\", \"inf\" or a number, "
                                + "got the string \"nuc\""),
                c("reductions of an empty dim",
                        "model M {\n  input x: f32[batch, 0]\n  a = amax(x, 1)\n  b = argmin(x, 1)\n"
                                + "  output y = x\n}\n",
                        "3:7: error: 'max' of an empty dim",
                        "4:7: error: 'argmin' of an empty dim"),
                c("sum to an integer dtype",
                        H + "  a = sum(x, dtype = i32)\n  b = mean(x, dtype = 3)\n  output y = x\n}\n",
                        "3:22: error: dtype of 'sum' must be f32 or f64, got the dtype i32",
                        "4:23: error: dtype of 'mean' must be f32 or f64, got the int 3"));
    }

    @TestFactory
    Stream<DynamicTest> eachBadCallGivesExactlyItsDiagnostics() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> DiagnosticsTest.check(c)));
    }
}
