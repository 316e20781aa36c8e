package nnet.compiler.frontend;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * What users see for a scan written wrong: a step that is not a function, missing or extra arguments,
 * a step returning too few values or a carry of another shape, sequences of different lengths, a step
 * dim out of range, and what a step cannot hold (buffers, random numbers, another scan). Each is
 * checked as {@code line:col: error: message}, and nothing else may be reported.
 */
class ScanDiagnosticsTest {
    private static final String CELL = "fn cell(x, h) {\n  h = tanh(x + h)\n  return h, h\n}\n";
    private static final String H = "model M {\n  input xs: f32[7, batch, 4]\n  input h0: f32[batch, 4]\n";

    private static DiagnosticsTest.Case c(String name, String source, String... expected) {
        return new DiagnosticsTest.Case(name, source, List.of(expected));
    }

    static List<DiagnosticsTest.Case> cases() {
        return List.of(
                c("a step that is not a function",
                        CELL + H + "  h, ys = scan(h0, xs, h0)\n  output y = ys\n}\n",
                        "8:16: error: the first argument of 'scan' is the name of the step function, such as 'scan(cell, xs, h0)' for 'fn cell(x, h)'"),
                c("no initial carries",
                        CELL + H + "  ys = scan(cell, xs)\n  output y = ys\n}\n",
                        "8:8: error: 'scan' needs its argument 'init' (scan(step, xs, init))"),
                c("an argument scan does not have",
                        CELL + H + "  h, ys = scan(cell, xs, h0, batch_first = true)\n  output y = ys\n}\n",
                        "8:30: error: 'scan' has no parameter 'batch_first'; its parameters are step, xs, init, extra, dim, reverse"),
                c("a step returning fewer values than the carries",
                        "fn two(x, h, c) {\n  return h\n}\n" + H + "  h, c = scan(two, xs, (h0, h0))\n  output y = h\n}\n",
                        "7:10: error: 'two' returns 1 value, but the scan carries 2: a step returns the carries' next values first, then its per-step results"),
                c("a carry that changes shape",
                        "fn grow(x, h) {\n  return cat([h, x], 1)\n}\n" + H + "  h = scan(grow, xs, h0)\n  output y = h\n}\n",
                        "7:7: error: in 'scan' of 'grow': carry 0 starts as f32[batch, 4] but a step makes it f32[batch, 8]"),
                c("sequences of different lengths",
                        "fn pair(a, b, h) {\n  return h + a * b, a\n}\n" + H + "  input zs: f32[6, batch, 4]\n  h, ys = scan(pair, (xs, zs), h0)\n  output y = ys\n}\n",
                        "8:11: error: in 'scan' of 'pair': sequence 1 of the loop is f32[6, batch, 4], not a sequence of 7 steps"),
                c("a step dim out of range",
                        CELL + H + "  h, ys = scan(cell, xs, h0, dim = 3)\n  output y = ys\n}\n",
                        "8:36: error: 'dim' 3 of 'scan' is out of range for a sequence f32[7, batch, 4] (rank 3)"),
                c("a sequence that is not a tensor",
                        CELL + H + "  h, ys = scan(cell, 3, h0)\n  output y = ys\n}\n",
                        "8:22: error: 'xs' of 'scan' must be a tensor or a tuple of tensors, got the int 3"),
                c("a buffer declared in a step",
                        "fn counting(x, h) {\n  buffer n: [4] = zeros\n  return h + n\n}\n" + H + "  h = scan(counting, xs, h0)\n  output y = h\n}\n",
                        "2:10: error: buffer 'n' is declared inside the step of a scan; buffers hold state across runs, not steps: declare it outside and pass the value in"),
                c("random numbers in a step",
                        "fn noisy(x, h) {\n  return h + dropout(x, 0.5)\n}\n" + H + "  h = scan(noisy, xs, h0)\n  output y = h\n}\n",
                        "7:7: error: in 'scan' of 'noisy': random numbers inside a loop body are not supported (every step would draw the same ones); draw them outside, e.g. one mask per step as a sequence, and pass them in"),
                c("a scan inside a step",
                        CELL + "fn outer(x, h) {\n  g, ys = scan(cell, x, h)\n  return g\n}\n" + H + "  h = scan(outer, xs, h0)\n  output y = h\n}\n",
                        "12:7: error: in 'scan' of 'outer': loops inside a loop body are not supported")
        );
    }

    @TestFactory
    Stream<DynamicTest> eachBadScanGivesExactlyItsDiagnostics() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> DiagnosticsTest.check(c)));
    }
}
