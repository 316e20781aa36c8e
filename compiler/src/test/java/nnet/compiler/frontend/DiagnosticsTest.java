package nnet.compiler.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.Stream;
import nnet.compiler.api.Nnet;
import nnet.compiler.source.CompilationException;
import nnet.compiler.source.Diagnostic;
import nnet.compiler.source.Severity;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What users see for bad sources: for each source, every diagnostic as {@code line:col: error: message}
 * in the order reported (so a file with several errors must report all of them in one run, and nothing
 * else), with the caret of the rendered form under the reported column.
 */
class DiagnosticsTest {
    static final String H = "model M {\n  input x: f32[batch, 4]\n";
    private static final String NN = "import nn\n";
    /** A function of three lines returning two values. */
    private static final String TWO = "fn two(x) {\n  return relu(x), x * 2\n}\n";
    /** A function of three lines with a string parameter that takes two values. */
    private static final String ACT = "fn act(x, kind: \"relu\" | \"tanh\" = \"relu\") {\n  return x\n}\n";

    record Case(String name, String source, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case c(String name, String source, String... expected) {
        return new Case(name, source, List.of(expected));
    }

    static List<Case> cases() {
        return List.of(
                c("missing closing brace",
                        H + "  output y = relu(x)\n",
                        "4:1: error: unexpected end of file: the '{' on line 1 (column 9) is never closed"),
                c("missing closing parenthesis",
                        H + "  output y = relu(x\n}\n",
                        "4:1: error: unexpected '}', expected one of ',', ')' (the '(' on line 3, column 18 is not closed)"),
                c("unclosed parenthesis at end of file",
                        H + "  output y = (x + 1\n",
                        "4:1: error: unexpected end of file: the '(' on line 3 (column 14) is never closed"),
                c("bad character",
                        H + "  output y = relu(x) $ 2\n}\n",
                        "3:22: error: unexpected character '$'"),
                c("operator without operand",
                        H + "  output y = x +* 2\n}\n",
                        "3:17: error: unexpected '*', expected an expression"),
                c("operator at end of line",
                        H + "  output y = x *\n}\n",
                        "4:1: error: unexpected '}', expected an expression"),
                c("missing colon in input",
                        "model M {\n  input x f32[batch, 4]\n  output y = x\n}\n",
                        "2:11: error: unexpected 'f32', expected ':'"),
                c("model without name",
                        "model {\n  input x: f32[batch, 4]\n}\n",
                        "1:7: error: unexpected '{', expected a name"),
                c("model without brace",
                        "model M\n  input x: f32[batch, 4]\n  output y = x\n}\n",
                        "2:3: error: unexpected keyword 'input', expected '{'"),
                c("unterminated comment",
                        H + "  output y = x /* not closed\n}\n",
                        "3:16: error: unterminated comment: this '/*' has no closing '*/'"),
                c("several syntax errors",
                        H + "  output y = x ** ** 2\n  output z = = x\n  q x\n}\n",
                        "3:19: error: unexpected '**', expected an expression",
                        "4:14: error: unexpected '=', expected an expression",
                        "5:5: error: unexpected 'x', expected '='"),
                c("keyword where a setting is expected",
                        H + "  loss = mean(x)\n}\ntrain M {\n  optimizer = sgd(lr = 0.1)\n  loss = 3\n}\n",
                        "7:3: error: unexpected keyword 'loss', expected one of ';', '}', a name"),
                c("NUL byte",
                        "model M {\n  input x: f32[batch, 4]\0\n}\n",
                        "2:25: error: unexpected character U+0000"),
                c("integer literal too large",
                        H + "  output y = x * 99999999999999999999999\n}\n",
                        "3:18: error: integer 99999999999999999999999 is too large; ints go up to 9223372036854775807 (write a float such as 1e30 for a large number)"),
                c("float literal too large",
                        H + "  output y = x * 1e999\n}\n",
                        "3:18: error: number 1e999 is too large for a float"),
                c("nesting too deep",
                        H + "  output y = " + "(".repeat(300) + "x" + ")".repeat(300) + "\n}\n",
                        "3:212: error: nested too deeply: more than 200 levels of brackets and operators; name some parts with intermediate statements"),
                c("empty file",
                        "",
                        "1:1: error: no model in this file; declare one with 'model Name { ... }'"),
                c("unknown function with suggestion",
                        H + "  output y = reluu(x)\n}\n",
                        "3:14: error: unknown function 'reluu'; did you mean 'relu'?"),
                c("unknown function without suggestion",
                        H + "  output y = frobnicate(x)\n}\n",
                        "3:14: error: unknown function 'frobnicate'"),
                c("unknown name with suggestion",
                        H + "  output y = relu(xx)\n}\n",
                        "3:19: error: unknown name 'xx'; did you mean 'x'?"),
                c("function used as a name",
                        H + "  output y = x * relu\n}\n",
                        "3:18: error: unknown name 'relu'; 'relu' is a function, call it with (...)"),
                c("missing import",
                        H + "  output y = nn.linear(x, 3)\n}\n",
                        "3:14: error: unknown module 'nn'; add 'import nn' at the top of the file"),
                c("unknown module",
                        H + "  output y = foo.bar(x)\n}\n",
                        "3:14: error: unknown module 'foo'"),
                c("unknown function in module",
                        "import nn\n" + H + "  output y = nn.lineer(x, 3)\n}\n",
                        "4:14: error: module 'nn' has no function 'lineer'; did you mean 'nn.linear'?"),
                c("module function called without its module",
                        "import nn\n" + H + "  output y = linear(x, 3)\n}\n",
                        "4:14: error: unknown function 'linear'; did you mean 'nn.linear'?"),
                c("unknown function with an erroneous argument",
                        H + "  output y = reluu(xx)\n}\n",
                        "3:20: error: unknown name 'xx'; did you mean 'x'?",
                        "3:14: error: unknown function 'reluu'; did you mean 'relu'?"),
                c("import of an unknown module",
                        "import nnn\n" + H + "  output y = x\n}\n",
                        "1:8: error: no module named 'nnn': it is not in the standard library, and no import path is given to look for nnn.nnet in; did you mean 'nn'?"),
                c("a function of an import that failed",
                        "import nnn as n\n" + H + "  output y = n.f(x) + x\n}\n",
                        "1:8: error: no module named 'nnn': it is not in the standard library, and no import path is given to look for nnn.nnet in; did you mean 'nn'?"),
                c("output of an unknown name",
                        H + "  output z\n}\n",
                        "3:10: error: unknown name 'z'; write 'output z = ...' to define it"),
                c("no model",
                        "fn f(x) {\n  return x\n}\n",
                        "1:1: error: no model in this file; declare one with 'model Name { ... }'"),
                c("train an unknown model",
                        H + "  loss = mean(x)\n}\ntrain N {\n  optimizer = adam()\n}\n",
                        "5:7: error: no model named 'N' to train"),
                c("duplicate model",
                        H + "  output y = x\n}\nmodel M {\n  input x: f32[4]\n  output y = x\n}\n",
                        "5:7: error: 'M' is already declared at t.nnet:1:7"),
                c("function named like a builtin",
                        "fn relu(x) {\n  return x\n}\n" + H + "  output y = relu(x)\n}\n",
                        "1:4: error: 'relu' is a built-in function; choose another name"),
                c("elementwise shapes",
                        H + "  input z: f32[batch, 3]\n  output y = x + z\n}\n",
                        "4:16: error: '+' cannot broadcast shapes f32[batch, 4] and f32[batch, 3]"),
                c("elementwise builtin shapes",
                        H + "  input z: f32[batch, 3]\n  output y = maximum(x, z)\n}\n",
                        "4:14: error: 'maximum' cannot broadcast shapes f32[batch, 4] and f32[batch, 3]"),
                c("where shapes",
                        H + "  input c: f32[batch, 3]\n  output y = where(c > 0, x, 0)\n}\n",
                        "4:14: error: 'where' cannot broadcast shapes f32[batch, 3] and f32[batch, 4] and f32[]"),
                c("matmul inner dims",
                        H + "  input w: f32[3, 5]\n  output y = x @ w\n}\n",
                        "4:16: error: 'matmul' cannot multiply f32[batch, 4] by f32[3, 5]: inner dims 4 and 3 differ"),
                c("matmul batch dims",
                        "model M {\n  input a: f32[2, 3, 4]\n  input b: f32[5, 4, 6]\n  output y = matmul(a, b)\n}\n",
                        "4:14: error: 'matmul' cannot broadcast the batch dims of f32[2, 3, 4] and f32[5, 4, 6]"),
                c("matmul with a scalar",
                        "model M {\n  input a: f32[3, 4]\n  output y = a @ 2\n}\n",
                        "3:16: error: '@' needs two tensors, got a tensor f32[3, 4] and the int 2"),
                c("reshape element count",
                        H + "  output y = reshape(x, [batch, 3])\n}\n",
                        "3:14: error: cannot reshape f32[batch, 4] (batch*4 elements) to [batch, 3] (batch*3 elements)"),
                c("reshape cannot infer",
                        H + "  output y = reshape(x, [-1, 3])\n}\n",
                        "3:25: error: cannot infer the -1 in this shape: batch*4 elements do not divide by 3"),
                c("reshape two inferred sizes",
                        H + "  output y = reshape(x, [-1, -1])\n}\n",
                        "3:25: error: a shape may contain only one -1 (the size to infer)"),
                c("broadcast_to incompatible",
                        H + "  output y = broadcast_to(x, [batch, 5])\n}\n",
                        "3:14: error: cannot broadcast f32[batch, 4] to [batch, 5]"),
                c("dims out of range",
                        H + "  output a = softmax(x, 2)\n  output b = sum(x, 3)\n  output c = transpose(x, 0, -3)\n  output d = max(x, 2)\n  output e = unsqueeze(x, 4)\n}\n",
                        "3:25: error: dim 2 is out of range for a tensor of rank 2 (valid: -2 to 1)",
                        "4:21: error: dim 3 is out of range for a tensor of rank 2 (valid: -2 to 1)",
                        "5:30: error: dim -3 is out of range for a tensor of rank 2 (valid: -2 to 1)",
                        "6:21: error: dim 2 is out of range for a tensor of rank 2 (valid: -2 to 1)",
                        "7:27: error: dim 4 is out of range for a tensor of rank 3 (valid: -3 to 2)"),
                c("permute of the wrong length",
                        H + "  output y = permute(x, [1])\n}\n",
                        "3:14: error: permutation [1] does not match the rank of f32[batch, 4]"),
                c("flatten start after end",
                        H + "  output y = flatten(x, 1, 0)\n}\n",
                        "3:14: error: flatten: start_dim 1 comes after end_dim 0"),
                c("cross_entropy rows",
                        H + "  input t: i32[7]\n  loss = cross_entropy(x, t)\n}\n",
                        "4:10: error: 'cross_entropy': class indices i32[7] do not match logits f32[batch, 4]; they need the shape [batch]"),
                c("accuracy rows",
                        H + "  input t: i32[7]\n  output y = x\n  metric a = accuracy(x, t)\n}\n",
                        "5:14: error: 'accuracy': class indices i32[7] do not match logits f32[batch, 4]; they need the shape [batch]"),
                c("shape error inside a library function",
                        H + "  input t: f32[batch, 3]\n  loss = mse_loss(x, t)\n}\n",
                        "4:10: error: in 'mse_loss': input f32[batch, 4] and target f32[batch, 3] differ in shape, and broadcasting them would pair every input with every target; give them the same shape (with squeeze, unsqueeze or reshape)"),
                c("mse_loss of an output [batch, 1] against a target [batch]",
                        NN + H + "  input t: f32[batch]\n  out = nn.linear(x, 1)\n  loss = mse_loss(out, t, reduction = \"sum\")\n  metric m = mse_loss(x, x, \"avg\")\n}\n",
                        "6:10: error: in 'mse_loss': input f32[batch, 1] and target f32[batch] differ in shape, and broadcasting them would pair every input with every target; give them the same shape (with squeeze, unsqueeze or reshape)",
                        "7:29: error: argument 'reduction' of 'mse_loss' must be one of \"mean\", \"sum\", \"none\", got the string \"avg\""),
                c("asserts",
                        "fn needs4(x) {\n  assert dim(x, -1) == 4, \"needs 4 features, got \" + str(dim(x, -1))\n  return x\n}\n" + H
                                + "  input z: f32[batch, 3]\n  a = needs4(z)\n  assert false\n  assert x\n  assert false, 3\n  assert true, 3\n  output y = needs4(x)\n}\n",
                        "2:3: error: needs 4 features, got 3",
                        "9:3: error: assertion failed",
                        "10:10: error: an 'assert' condition must be true or false at compile time, got a tensor f32[batch, 4]",
                        "11:17: error: an 'assert' message must be a string, got the int 3"),
                c("i32 matrix product",
                        "model M {\n  input i: i32[batch, 4]\n  output y = i @ transpose(i, 0, 1)\n}\n",
                        "3:16: error: 'matmul' needs two floating-point operands of one dtype, got i32[batch, 4] and i32[4, batch]"),
                c("i32 to softmax",
                        "model M {\n  input i: i32[batch, 4]\n  output y = softmax(i)\n}\n",
                        "3:14: error: 'softmax' needs a floating-point tensor, got i32[batch, 4]"),
                c("float labels to cross_entropy",
                        H + "  input t: f32[batch]\n  loss = cross_entropy(x, t)\n}\n",
                        "4:27: error: 'cross_entropy' needs a target of class indices i32[batch] or of class probabilities f32[batch, 4] (the logits' shape), got f32[batch]"),
                c("mixed float dtypes",
                        "model M {\n  input x: f64[batch, 4]\n  input z: f32[batch, 4]\n  output y = x + z\n}\n",
                        "4:16: error: '+' mixes dtypes f64[batch, 4] and f32[batch, 4]; convert one with to(x, f64)"),
                c("an output whose shape depends on the mode",
                        "model M {\n  input x: f32[batch, 4]\n  if training {\n    output y = x\n  } else {\n"
                                + "    output y = sum(x, 1)\n  }\n}\n",
                        "1:7: error: output 'y' is f32[batch, 4] in training mode but f32[batch] in evaluation mode"),
                c("an error only in evaluation mode",
                        "model M {\n  input x: f32[batch, 4]\n  if training {\n    output y = x\n  } else {\n"
                                + "    output y = softmax(x, 2)\n  }\n}\n",
                        "6:27: error: dim 2 is out of range for a tensor of rank 2 (valid: -2 to 1)"),
                c("update of something that is not a buffer",
                        "model M {\n  input x: f32[batch, 4]\n  update x = x + 1\n  output y = x\n}\n",
                        "3:10: error: 'x' is not a buffer declared here; 'update' sets a buffer declared with 'buffer'"
                                + " in the same function or model"),
                c("a buffer updated twice",
                        "model M {\n  input x: f32[batch, 4]\n  buffer n: i32[] = zeros\n  update n = n + 1\n"
                                + "  update n = n + 2\n  output y = x\n}\n",
                        "5:10: error: buffer 'n' is already updated on line 4"),
                c("a float value for an integer buffer",
                        "model M {\n  input x: f32[batch, 4]\n  buffer n: i32[] = zeros\n  update n = n + 0.5\n"
                                + "  output y = x\n}\n",
                        "4:16: error: buffer 'n' is i32[], got f32[]; convert with int(...) if that is meant"),
                c("a buffer of the wrong shape",
                        "model M {\n  input x: f32[batch, 4]\n  buffer s: [3] = zeros\n  update s = sum(x, 0)\n"
                                + "  output y = x\n}\n",
                        "4:14: error: buffer 's' is f32[3], got f32[4]"),
                c("a buffer without initialiser",
                        "model M {\n  input x: f32[batch, 4]\n  buffer s: [3]\n  output y = x\n}\n",
                        "3:10: error: buffer 's' needs an initialiser, e.g. '= zeros' or '= ones'"),
                c("a buffer named like a parameter",
                        "model M {\n  input x: f32[batch, 4]\n  param s: [4] = zeros\n  buffer s: [4] = zeros\n"
                                + "  output y = x\n}\n",
                        "4:10: error: parameter 's' is already declared at t.nnet:3:9"),
                c("a dropout probability above 1",
                        "import nn\nmodel M {\n  input x: f32[batch, 4]\n  output y = dropout(x, 1.5) + nn.dropout(x, -0.1)\n}\n",
                        "4:14: error: in 'dropout': dropout probability has to be between 0 and 1, but got 1.5",
                        "4:32: error: in 'nn.dropout': dropout probability has to be between 0 and 1, but got -0.1"),
                c("unknown dtype",
                        "model M {\n  input x: bf16[batch, 4]\n  output y = x\n}\n",
                        "2:12: error: unknown dtype 'bf16'; use f32, f64 or i32"),
                c("input without dtype",
                        "model M {\n  input x: [batch, 4]\n  output y = x\n}\n",
                        "2:12: error: input 'x' needs a dtype, e.g. f32[...]"),
                c("integer parameter",
                        H + "  param w: i32[4] = zeros\n  output y = x\n}\n",
                        "3:12: error: a parameter's dtype must be f32 or f64, got 'i32'"),
                c("loss not scalar",
                        H + "  loss = x * 2\n}\n",
                        "3:3: error: the loss must be a floating-point scalar, got f32[batch, 4]; reduce it with mean(...) or sum(...)"),
                c("metric not scalar",
                        H + "  output y = x\n  metric m = x\n}\n",
                        "4:10: error: metric 'm' must be a scalar, got f32[batch, 4]; reduce it with mean(...) or sum(...)"),
                c("loss not a tensor",
                        H + "  output y = x\n  loss = 3\n}\n",
                        "4:10: error: the loss must be a tensor, got the int 3"),
                c("no output and no loss",
                        H + "  y = relu(x)\n}\n",
                        "1:7: error: model 'M' has neither an output nor a loss"),
                c("duplicates",
                        H + "  param w: [4] = zeros\n  param w: [4] = ones\n  output y = x * w\n  output y = x\n  input x: f32[batch, 4]\n  loss = mean(x)\n  loss = sum(x)\n}\n",
                        "4:9: error: parameter 'w' is already declared at t.nnet:3:9",
                        "6:10: error: output 'y' is already declared on line 5",
                        "7:9: error: input 'x' is already declared on line 2",
                        "9:3: error: a model has one loss, and it is already defined on line 8"),
                c("parameter without initialiser",
                        H + "  param w: [4]\n  output y = x * w\n}\n",
                        "3:9: error: parameter 'w' needs an initialiser, e.g. '= zeros' or '= normal(0, 0.02)'"),
                c("run-time dim in a parameter shape",
                        H + "  param w: [batch] = zeros\n  output y = x * w\n}\n",
                        "3:13: error: a parameter's sizes must be ints ≥ 0 known at compile time, got the run-time dim batch"),
                c("bad initialisers",
                        H + "  param w: [4] = 3\n  param v: [4] = normal(0, -1)\n  param u: [4] = uniform(1, 0)\n  output y = x * w * v * u\n}\n",
                        "3:18: error: expected an initialiser (zeros, ones, constant, normal, uniform, xavier_*, kaiming_*), got the int 3",
                        "4:28: error: std must be ≥ 0",
                        "5:18: error: uniform(a, b) needs a ≤ b"),
                c("negative size in a library function",
                        "import nn\n" + H + "  output y = nn.linear(x, -3)\n}\n",
                        "4:14: error: in 'nn.linear': a parameter's sizes must be ints ≥ 0 known at compile time, got the int -3"),
                c("size too large",
                        "model M {\n  input x: f32[batch, 99999999999]\n  output y = x\n}\n",
                        "2:23: error: size 99999999999 is too large; a dim holds at most 2147483647"),
                c("tensor too large",
                        "model M {\n  input x: f32[100000, 100000, 100000]\n  output y = x\n}\n",
                        "2:12: error: input 'x' would have 1000000000000000 elements (4.00 PB of f32); a tensor holds "
                                + "at most 2147483647 elements"),
                c("train without loss",
                        H + "  output y = x\n}\ntrain M {\n  optimizer = sgd(lr = 0.1)\n}\n",
                        "5:7: error: model 'M' has no loss; a training section needs one ('loss = ...')"),
                c("train without optimizer",
                        H + "  loss = mean(x)\n}\ntrain M {\n  batch = 4\n}\n",
                        "5:7: error: the training section of 'M' needs an optimizer, e.g. 'optimizer = adam(lr = 1e-3)'"),
                c("train settings",
                        H + "  loss = mean(x)\n}\ntrain M {\n  optimizer = sgd(lr = 0.1)\n  epoch = 3\n  batch = -1\n  validation = 1.5\n  shuffle = 3\n  seed = 1.5\n  colour = 2\n}\n",
                        "7:3: error: unknown training setting 'epoch'; did you mean 'epochs'?",
                        "8:11: error: batch must be a positive int, got the int -1",
                        "9:16: error: validation must be a fraction in [0, 1), got the float 1.5",
                        "10:13: error: shuffle must be true or false, got the int 3",
                        "11:10: error: seed must be an int, got the float 1.5",
                        "12:3: error: unknown training setting 'colour'; known: optimizer, schedule, clip_grad_norm, clip_grad_value, batch, epochs, seed, validation, shuffle, freeze"),
                c("train bad optimizer",
                        H + "  loss = mean(x)\n}\ntrain M {\n  optimizer = 0.1\n  batch = 8\n  batch = 16\n}\n",
                        "6:15: error: optimizer must be one of sgd(...), adam(...), adamw(...), rmsprop(...), adagrad(...), nadam(...), "
                                + "radam(...), lion(...), got the float 0.1",
                        "8:3: error: 'batch' is set twice"),
                c("optimizer arguments",
                        H + "  loss = mean(x)\n}\ntrain M {\n  optimizer = adam(lr = -1, beta1 = 1)\n}\n",
                        "6:25: error: adam: lr must be a finite number ≥ 0, got -1.0"),
                c("sgd without lr",
                        H + "  loss = mean(x)\n}\ntrain M {\n  optimizer = sgd(momentum = 0.9)\n}\n",
                        "6:15: error: 'sgd' needs argument 'lr'"),
                c("too many arguments",
                        H + "  output y = softmax(x, 1, 2)\n}\n",
                        "3:28: error: 'softmax' takes 2 arguments (input, dim), got 3"),
                c("unknown argument name",
                        H + "  output y = softmax(x, dims = 1)\n}\n",
                        "3:25: error: 'softmax' has no parameter 'dims'; its parameters are input, dim"),
                c("wrong argument kind",
                        H + "  output y = softmax(x, dim = 1.5)\n}\n",
                        "3:31: error: argument 'dim' of 'softmax' must be an int, got the float 1.5"),
                c("argument errors in a user function",
                        "fn g(x, n: int) {\n  return x * n\n}\n" + H + "  output a = g(x)\n  output b = g(x, n = 1.5)\n  output c = g(x, 2, m = 3)\n  output d = g(n = 2, x)\n  output e = g(x, 1, n = 2)\n}\n",
                        "6:14: error: 'g' needs argument 'n'",
                        "7:23: error: argument 'n' of 'g' must be an int, got the float 1.5",
                        "8:22: error: 'g' has no parameter 'm'; its parameters are x, n",
                        "9:23: error: positional argument after a named one in call of 'g'",
                        "10:22: error: parameter 'n' of 'g' is given twice"),
                c("wrong argument kind in a library call",
                        "import nn\n" + H + "  output y = nn.linear(x, 3, bias = 2)\n}\n",
                        "4:37: error: argument 'bias' of 'nn.linear' must be true or false, got the int 2"),
                c("tensor where a number is needed",
                        H + "  output y = reshape(x, x)\n}\n",
                        "3:25: error: argument 'shape' of 'reshape' must be a shape: a list of ints and dims, got a tensor f32[batch, 4]"),
                c("as on a call without parameters",
                        H + "  output y = relu(x) as r\n}\n",
                        "3:14: error: 'as r' names the parameters of a call, but 'relu' has none"),
                c("unknown parameter kind",
                        "fn f(x, n: integer) {\n  return x\n}\n" + H + "  output y = f(x, 1)\n}\n",
                        "1:12: error: unknown parameter kind 'integer'; use int, ints, float, bool, str or tensor (or nothing, for any value)"),
                c("recursion",
                        "fn f(x) {\n  return f(x)\n}\n" + H + "  output y = f(x)\n}\n",
                        "2:10: error: recursive call of 'f' (f -> f); functions are expanded where they are called, so they cannot recurse"),
                c("mutual recursion",
                        "fn f(x) {\n  return g(x)\n}\nfn g(x) {\n  return f(x) + 1\n}\n" + H + "  output y = f(x)\n}\n",
                        "5:10: error: recursive call of 'f' (f -> g -> f); functions are expanded where they are called, so they cannot recurse"),
                c("statement after return",
                        "fn f(x) {\n  return x\n  y = x\n}\n" + H + "  output y = f(x)\n}\n",
                        "3:3: error: statement after 'return' (line 2) is never run"),
                c("function without return",
                        "fn f(x) {\n  y = x\n}\n" + H + "  output y = f(x)\n}\n",
                        "1:4: error: function 'f' has no 'return'"),
                c("return outside a function",
                        H + "  output y = x\n  return x\n}\n",
                        "4:3: error: 'return' is only allowed in a function"),
                c("input in a function",
                        "fn f(x) {\n  input z: f32[4]\n  return x\n}\n" + H + "  output y = f(x)\n}\n",
                        "2:9: error: 'input' is only allowed in a model, not in a function"),
                c("if with a tensor condition",
                        H + "  if x > 0 {\n    output y = x\n  }\n}\n",
                        "3:8: error: an 'if' condition must be true or false at compile time, got a tensor f32[batch, 4]"),
                c("if with an int condition",
                        H + "  if 1 {\n    output y = x\n  }\n}\n",
                        "3:6: error: an 'if' condition must be true or false at compile time, got the int 1"),
                c("compile-time arithmetic",
                        H + "  n = 4 / 0\n  m = reshape(x, [batch + 1, 4])\n  output y = x\n}\n",
                        "3:9: error: division by zero",
                        "4:18: error: argument 'shape' of 'reshape' must be a shape: a list of ints and dims, got a tensor f32[] as size 0"
                                + " (arithmetic on run-time dims other than products is computed at run time)"),
                c("unpacking the wrong number of values",
                        TWO + H + "  a, b, c = two(x)\n  d, e = x\n  output y = a\n}\n",
                        "6:13: error: expected 3 values to unpack into 'a, b, c', got 2",
                        "7:10: error: expected 2 values to unpack into 'd, e', got a tensor f32[batch, 4]"),
                c("a tuple where a tensor is needed",
                        TWO + H + "  output y = two(x)\n  z = relu(two(x))\n  w = two(x) + 1\n  loss = two(x)\n}\n",
                        "6:14: error: output 'y' must be a tensor, got a tuple of 2 values; unpack it into names first: 'a, b = ...'",
                        "7:12: error: argument 'input' of 'relu' must be a tensor or a number, got a tuple of 2 values; unpack it into names first: 'a, b = ...'",
                        "8:14: error: operator '+' cannot combine a tuple of 2 values and the int 1; unpack it into names first: 'a, b = ...'",
                        "9:10: error: the loss must be a tensor, got a tuple of 2 values; unpack it into names first: 'a, b = ...'"),
                c("a tuple as a metric",
                        TWO + H + "  output y = x\n  metric m = (mean(x), sum(x))\n}\n",
                        "7:14: error: metric 'm' must be a tensor, got a tuple of 2 values; unpack it into names first: 'a, b = ...'"),
                c("reading the discarded name",
                        TWO + H + "  _, b = two(x)\n  output y = _ + b\n}\n",
                        "7:14: error: '_' discards the value given to it; it cannot be read"),
                c("a string outside its choices",
                        ACT + H + "  a = act(x, kind = \"tahn\")\n  b = act(x, 3)\n  c = act(x, \"sigmoid\")\n  output y = x\n}\n",
                        "6:21: error: argument 'kind' of 'act' must be one of \"relu\", \"tanh\", got the string \"tahn\"; did you mean \"tanh\"?",
                        "7:14: error: argument 'kind' of 'act' must be one of \"relu\", \"tanh\", got the int 3",
                        "8:14: error: argument 'kind' of 'act' must be one of \"relu\", \"tanh\", got the string \"sigmoid\""),
                c("defaults of string parameters",
                        "fn f(x, mode: \"a\" | \"b\" = \"c\", name: str = 3) {\n  return x\n}\n" + H + "  output y = f(x)\n}\n",
                        "1:27: error: default of 'mode' must be one of \"a\", \"b\", got the string \"c\"",
                        "1:44: error: default of 'name' must be a string, got the int 3"),
                c("a parameter with two kinds",
                        "fn f(x, n: int | float) {\n  return x\n}\n" + H + "  output y = f(x, 1)\n}\n",
                        "1:18: error: a parameter has one kind besides its strings, here both 'int' and 'float'"),
                c("strings in arithmetic",
                        H + "  a = \"a\" + 1\n  b = \"a\" < \"b\"\n  c = x * \"b\"\n  output y = x\n}\n",
                        "3:11: error: operator '+' cannot combine the string \"a\" and the int 1; turn the other into a string with str(...)",
                        "4:11: error: operator '<' cannot combine the string \"a\" and the string \"b\"",
                        "5:9: error: operator '*' cannot combine a tensor f32[batch, 4] and the string \"b\""),
                c("an unterminated string",
                        H + "  output y = relu(x, 'abc)\n}\n",
                        "3:22: error: unterminated string: this ' has no closing ' on its line"),
                c("an unknown escape",
                        H + "  s = \"tab\\q\"\n  output y = x\n}\n",
                        "3:11: error: unknown escape '\\q' in a string; use \\\\, \\\", \\', \\n or \\t"),
                c("and, or, not on values that are not booleans",
                        H + "  a = x > 0 and true\n  b = true or 1\n  c = not 3\n  d = false or x\n  output y = x\n}\n",
                        "3:13: error: 'and' needs true or false known at compile time, got a tensor f32[batch, 4]",
                        "5:7: error: 'not' needs true or false known at compile time, got the int 3",
                        "6:13: error: 'or' needs true or false known at compile time, got a tensor f32[batch, 4]"),
                c("a loop whose calls all take the statement's name",
                        NN + H + "  h = x\n  for i in range(3) {\n    h = relu(nn.linear(h, 4))\n  }\n  output y = h\n}\n",
                        "6:14: error: when i = 1: parameters named 'h.*' already exist; name this call with 'as h[i]'"),
                c("an error in every iteration is reported once",
                        H + "  for i in range(3) {\n    q = reluu(x)\n  }\n  output y = x\n}\n",
                        "4:9: error: unknown function 'reluu'; did you mean 'relu'?"),
                c("an error in a later iteration names it",
                        NN + H + "  h = x\n  sizes = [4, 4, 5]\n  for i in range(3) {\n    h = h + nn.linear(h, sizes[i]) as blocks[i]\n  }\n  output y = h\n}\n",
                        "7:11: error: when i = 2: '+' cannot broadcast shapes f32[batch, 4] and f32[batch, 5]"),
                c("an error in nested loops names both variables",
                        NN + H + "  g = x\n  for i in range(2) {\n    for j in [0, 1, 2] {\n      g = g + nn.linear(g, 4 + i * j) as grid[i][j]\n    }\n  }\n  output y = g\n}\n",
                        "7:13: error: when i = 1, j = 1: '+' cannot broadcast shapes f32[batch, 4] and f32[batch, 5]"),
                c("a loop over a tensor",
                        H + "  for i in x {\n    y = i\n  }\n  output y = x\n}\n",
                        "3:12: error: a 'for' loop goes over a list, a tuple or range(...) known at compile time, got a tensor f32[batch, 4]"),
                c("loops that unroll too far",
                        H + "  for i in range(20000) {\n  }\n  for i in range(200) {\n    for j in range(100) {\n      z = x\n    }\n  }\n  for k in range(3) {\n  }\n  output y = x\n}\n",
                        "3:12: error: range of 20000 items; loops unroll to at most 10000 iterations in all",
                        "6:5: error: loops unroll to more than 10000 iterations in all; the graph is static, so every iteration adds its own operations"),
                c("bad ranges and lengths",
                        H + "  a = range(0, 4, 0)\n  b = len(3)\n  c = len(sum(x))\n  output y = x\n}\n",
                        "3:19: error: range: step must not be zero",
                        "4:11: error: len needs a list, a tuple, a string or a tensor, got the int 3",
                        "5:11: error: len of a tensor of rank 0"),
                c("bad indices",
                        H + "  sizes = [4, 8]\n  a = sizes[2]\n  b = sizes[1.5]\n  c = 3[0]\n  d = (x, x)[-3]\n  output y = x\n}\n",
                        "4:13: error: index 2 is out of range for a list of 2 (valid: -2 to 1)",
                        "5:13: error: an index must be an int, got the float 1.5",
                        "6:7: error: only lists, tuples and tensors can be indexed, got the int 3",
                        "7:14: error: index -3 is out of range for a tuple of 2 values (valid: -2 to 1)"),
                c("parameters stored under names that are not names, or twice",
                        H + "  param a as \"w-1\": [4] = zeros\n  param b as 3: [4] = zeros\n  param c as \"w\": [4] = zeros\n"
                                + "  param d as \"w\": [4] = zeros\n  output y = x + a + b + c + d\n}\n",
                        "3:14: error: 'a' is stored under the name after 'as', which must be a string of names joined by dots, such as \"weight_ih_l0\"; got the string \"w-1\"",
                        "4:14: error: 'b' is stored under the name after 'as', which must be a string of names joined by dots, such as \"weight_ih_l0\"; got the int 3",
                        "6:9: error: parameter 'w' is already declared at t.nnet:5:9"),
                c("bad scope indices",
                        NN + H + "  a = nn.linear(x, 4) as s[-1]\n  b = nn.linear(x, 4) as s[\"a b\"]\n  c = relu(x) as s[0]\n  output y = x\n}\n",
                        "4:28: error: a scope index must be an int ≥ 0 or a string that is a name, got the int -1",
                        "5:28: error: a scope index must be an int ≥ 0 or a string that is a name, got the string \"a b\"",
                        "6:7: error: 'as s[0]' names the parameters of a call, but 'relu' has none"),
                c("several errors in one file",
                        "import nn\n\n" + H + "  input t: i32[batch]\n  h = relu(nn.linear(x, 8))\n  z = h + x\n  w = tanhh(h)\n  logits = nn.linear(h, 3)\n  loss = cross_entropy(logits, t) * logits\n  output p = softmax(logits, 2)\n}\n\ntrain M {\n  optimizer = adam(lr = 1e-3)\n  epochs = 0\n}\n",
                        "7:9: error: '+' cannot broadcast shapes f32[batch, 8] and f32[batch, 4]",
                        "8:7: error: unknown function 'tanhh'; did you mean 'tanh'?",
                        "10:3: error: the loss must be a floating-point scalar, got f32[batch, 3]; reduce it with mean(...) or sum(...)",
                        "11:30: error: dim 2 is out of range for a tensor of rank 2 (valid: -2 to 1)",
                        "16:12: error: epochs must be a positive int, got the int 0")
        );
    }

    @TestFactory
    Stream<DynamicTest> eachBadSourceGivesExactlyItsDiagnostics() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    static void check(Case c) {
        CompilationException e = catchThrowableOfType(CompilationException.class, () -> Nnet.compile("t.nnet", c.source()));
        assertThat(e).as("compiling %s must fail", c.name()).isNotNull();
        List<String> shown = e.diagnostics().stream().map(d -> {
            assertThat(d.toString()).startsWith("t.nnet:");
            return d.toString().substring("t.nnet:".length());
        }).toList();
        assertThat(shown).as(c.name()).containsExactlyElementsOf(c.expected());
        assertThat(e.errorCount()).isEqualTo(c.expected().size());
        for (Diagnostic d : e.diagnostics()) {
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertCaretUnderColumn(d);
        }
        String count = c.expected().size() == 1 ? "1 error\n" : c.expected().size() + " errors\n";
        assertThat(e.render()).endsWith("\n" + count);
    }

    /** The rendered form is the first line, the source line indented by two, and a caret under the column. */
    private static void assertCaretUnderColumn(Diagnostic d) {
        String[] lines = d.render().split("\n", -1);
        assertThat(lines[0]).isEqualTo(d.toString());
        String sourceLine = d.span().file().line(d.span().line());
        if (sourceLine.isEmpty()) {
            assertThat(lines).hasSize(1);
            return;
        }
        assertThat(lines).hasSize(3);
        int caret = lines[2].indexOf('^');
        assertThat(lines[2].substring(caret + 1)).matches("~*");
        if (sourceLine.length() > nnet.runtime.io.Excerpt.WIDTH) {
            // A long line is cut around the column; the caret still points at the span's first character.
            assertThat(lines[1]).contains("…").hasSizeLessThanOrEqualTo(2 + nnet.runtime.io.Excerpt.WIDTH + 2);
            assertThat(lines[1].charAt(caret)).isEqualTo(sourceLine.charAt(d.span().column() - 1));
            return;
        }
        assertThat(lines[1]).isEqualTo("  " + sourceLine.replace('\0', '?'));
        assertThat(caret).as("caret of %s", d).isEqualTo(2 + d.span().column() - 1);
        assertThat(d.span().column() - 1 + lines[2].trim().length()).isLessThanOrEqualTo(sourceLine.length());
    }

    @Test
    void caretUnderlinesTheWholeToken() {
        Diagnostic d = diagnostics(H + "  output y = reluu(x)\n}\n").get(0);
        assertThat(d.render()).isEqualTo("""
                t.nnet:3:14: error: unknown function 'reluu'; did you mean 'relu'?
                    output y = reluu(x)
                               ^~~~~""");
    }

    @Test
    void caretFollowsTabs() {
        Diagnostic d = diagnostics("model M {\n\tinput x: f32[batch, 4]\n\toutput y =\treluu(x)\n}\n").get(0);
        assertThat(d.toString()).isEqualTo("t.nnet:3:13: error: unknown function 'reluu'; did you mean 'relu'?");
        assertThat(d.render().split("\n")[2]).isEqualTo("  \t" + " ".repeat(10) + "\t^~~~~");
    }

    @Test
    void manyErrorsAreCountedBeyondTheListedOnes() {
        StringBuilder src = new StringBuilder(H);
        for (int i = 0; i < 60; i++) {
            src.append("  y").append(i).append(" = unknown").append(i).append("(x)\n");
        }
        src.append("  output y = x\n}\n");
        CompilationException e = catchThrowableOfType(CompilationException.class,
                () -> Nnet.compile("t.nnet", src.toString()));
        assertThat(e.errorCount()).isEqualTo(60);
        assertThat(e.diagnostics()).hasSize(50);
        assertThat(e.render()).endsWith("... and 10 more errors\n60 errors\n");
    }

    @Test
    void theSamplesCompileWithoutDiagnostics() {
        for (String sample : List.of("xor/xor.nnet", "digits/digits.nnet")) {
            assertThat(Nnet.compile(nnet.testing.Repo.path("samples/" + sample)).modelNames()).hasSize(1);
        }
    }

    @Test
    void anUnreadableFileIsADiagnosticNamingIt() {
        assertThatThrownBy(() -> Nnet.compile(java.nio.file.Path.of("no/such/file.nnet")))
                .isInstanceOf(CompilationException.class)
                .hasMessage("no/such/file.nnet: error: file does not exist");
    }

    private static List<Diagnostic> diagnostics(String source) {
        CompilationException e = catchThrowableOfType(CompilationException.class, () -> Nnet.compile("t.nnet", source));
        assertThat(e).isNotNull();
        return e.diagnostics();
    }
}
