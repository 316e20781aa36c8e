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
 * What users see for bad slices and bad calls of the indexing and layout built-ins: every diagnostic of
 * each source, as {@code line:col: error: message}, in the order reported. Out-of-range indices and
 * sizes written in the source are errors here, when the model is built.
 */
class IndexingDiagnosticsTest {
    private static final String H = "model M {\n  input x: f32[batch, 4, 6]\n  input ids: i32[batch, 3]\n"
            + "  param w: [5, 4] = zeros\n";
    private static final String END = "  output y = x\n}\n";

    record Case(String name, String body, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case c(String name, String body, String... expected) {
        return new Case(name, body, List.of(expected));
    }

    static List<Case> cases() {
        return List.of(
                c("bad slices",
                        "  a = x[:, 4]\n  b = x[:, 1:1]\n  c = x[::-1]\n  d = x[:, ::0]\n  e = x[1:3]\n"
                                + "  f = x[0, 0, 0, 0]\n  g = x[..., ...]\n  h = x[ids]\n  i = x[:, 1.5]\n  j = x[:, \"a\":]\n",
                        "5:12: error: index 4 is out of range for dim 1 of size 4 (valid: -4 to 3)",
                        "6:12: error: the slice 1:1 of dim 1 (size 4) is empty; tensors with no elements are not supported",
                        "7:9: error: slice steps must be positive, as in PyTorch; to reverse a dim use flip(x, dims)",
                        "8:12: error: slice step cannot be zero",
                        "9:9: error: dim 0 has the size batch, bound at run time: a slice of it can only take all of it"
                                + " (':'), or one int index",
                        "10:7: error: too many indices for a tensor of rank 3: f32[batch, 4, 6] takes at most 3, got 4",
                        "11:14: error: an index can only have a single ellipsis ('...')",
                        "12:9: error: indexing a tensor with a tensor is not supported; use index_select, gather or embedding",
                        "13:12: error: an index of a tensor must be an int known at compile time, got the float 1.5",
                        "14:12: error: the start of a slice must be an int known at compile time, got the string \"a\""),
                c("an empty index",
                        "  a = x[]\n",
                        "5:7: error: an index needs an entry between its brackets, such as x[0] or x[:, 1]"),
                c("a slice with three colons",
                        "  a = x[1:2:3:4]\n",
                        "5:14: error: unexpected ':', expected one of ',', ']' (the '[' on line 5, column 8 is not closed)"),
                c("sizes beyond any tensor",
                        "  a = x[99999999999]\n  b = repeat(x, [1, 1, 9999999999999])\n",
                        "5:9: error: index 99999999999 is out of range for dim 0 of size batch: no dim is that large",
                        "6:17: error: repeat sizes [1, 1, 9999999999999] are larger than any tensor can hold"),
                c("None outside an index",
                        "  e = embedding(ids, w, padding_idx = None)\n",
                        "5:39: error: 'None' is only written in an index, for a new dim (x[:, None]); where PyTorch takes"
                                + " None for an argument, leave the argument out"),
                c("bad list slices",
                        "  s = [1, 2, 3]\n  a = s[1, 2]\n  b = s[::0]\n  c = s[None]\n",
                        "6:9: error: a list of 3 takes one index or one slice between its brackets",
                        "7:9: error: slice step cannot be zero",
                        "8:9: error: a list of 3 takes one index or one slice between its brackets"),
                c("bad embeddings",
                        "  a = embedding(x, w)\n  b = embedding(ids, x)\n  c = embedding(ids, w, padding_idx = 5)\n"
                                + "  d = embedding(ids, w, padding_idx = -6)\n",
                        "5:17: error: 'embedding' needs indices in an i32 tensor, got f32[batch, 4, 6]",
                        "6:22: error: 'embedding' needs a floating-point weight of shape [num_embeddings, embedding_dim],"
                                + " got f32[batch, 4, 6]",
                        "7:39: error: padding_idx must be within num_embeddings (5 rows: -5 to 4), got 5",
                        "8:39: error: padding_idx must be within num_embeddings (5 rows: -5 to 4), got -6"),
                c("bad gathers and scatters",
                        "  a = gather(x, 3, ids)\n  b = gather(x, 1, ids)\n  c = index_select(x, 0, ids)\n"
                                + "  d = gather(x, 1, x)\n  e = scatter_add(x, 2, ids, x)\n  f = take_along_dim(x, ids, 1)\n",
                        "5:17: error: dim 3 is out of range for a tensor of rank 3 (valid: -3 to 2)",
                        "6:7: error: 'gather': the index i32[batch, 3] needs the rank of the input f32[batch, 4, 6]",
                        "7:7: error: 'index_select' needs a vector of indices, got i32[batch, 3]",
                        "8:20: error: 'gather' needs indices in an i32 tensor, got f32[batch, 4, 6]",
                        "9:7: error: 'scatter_add': the index i32[batch, 3] needs the rank of the input f32[batch, 4, 6]",
                        "10:25: error: 'take_along_dim' needs indices of the input's rank 3, got i32[batch, 3]"),
                c("bad joins",
                        "  a = cat([x, ids[:, :, None]], 2)\n  b = cat(x)\n  c = cat([x, 3])\n  d = cat([x, x[:, :2]], 2)\n"
                                + "  e = stack([x, x[:, :2]])\n  f = cat([], 0)\n  g = stack([x, x], 4)\n  h = cat([x, x[0]])\n",
                        "5:7: error: 'cat': tensor 1 f32[batch, 3, 1] does not match tensor 0 f32[batch, 4, 6]; all dims"
                                + " but dim 2 must be equal",
                        "6:11: error: 'cat' needs a non-empty list or tuple of tensors, got a tensor f32[batch, 4, 6]",
                        "7:11: error: 'cat' joins tensors, but item 1 is the int 3",
                        "8:7: error: 'cat': tensor 1 f32[batch, 2, 6] does not match tensor 0 f32[batch, 4, 6]; all dims"
                                + " but dim 2 must be equal",
                        "9:13: error: 'stack' needs tensors of one shape, got [batch, 4, 6] (tensor 0) and [batch, 2, 6]"
                                + " (tensor 1)",
                        "10:11: error: 'cat' needs a non-empty list or tuple of tensors, got a list of 0",
                        "11:21: error: dim 4 is out of range for stacking tensors of rank 3 (valid: -4 to 3)",
                        "12:7: error: 'cat': tensor 1 f32[4, 6] does not match tensor 0 f32[batch, 4, 6]; all dims but"
                                + " dim 0 must be equal"),
                c("bad splits",
                        "  a = split(x, 0, 1)\n  b = split(x, [1, 2], 1)\n  c = chunk(x, 0, 1)\n  d = split(x, 2)\n"
                                + "  e = split(x, \"a\", 1)\n",
                        "5:16: error: split_size must be positive, got 0",
                        "6:16: error: the sections [1, 2] must be positive and add up to 4, the size of dim 1",
                        "7:16: error: chunks must be positive, got 0",
                        "8:7: error: 'split' needs the size of dim 0 when the model is built, but it is batch, bound at"
                                + " run time",
                        "9:16: error: split_size_or_sections must be an int or a list of ints, got the string \"a\""),
                c("bad pads",
                        "  a = pad(x, [1])\n  b = pad(x, [1, 1, 1, 1, 1, 1, 1, 1])\n  c = pad(x, [1, 1], mode = \"reflekt\")\n"
                                + "  d = pad(x, [6, 1], mode = \"reflect\")\n  e = pad(x, [1, 1], mode = \"reflect\", value = 2)\n"
                                + "  f = pad(x, [-3, -3])\n  g = pad(x, [1, 1, 1, 1, 1, 1], mode = \"replicate\")\n"
                                + "  h = pad(ids, [1, 1], mode = \"circular\")\n  i = pad(x, [1, 1, 1, 1], mode = \"circular\")\n"
                                + "  j = pad(x, [-3, 4], mode = \"circular\")\n",
                        "5:14: error: pad takes (before, after) pairs of sizes, got an odd number: 1",
                        "6:14: error: pad has 4 pairs, more than the 3 dims of f32[batch, 4, 6]",
                        "7:29: error: argument 'mode' of 'pad' must be one of \"constant\", \"reflect\", \"replicate\","
                                + " \"circular\", got the string \"reflekt\"; did you mean \"reflect\"?",
                        "8:14: error: padding dim 2 of size 6 by (6, 1) in mode \"reflect\" needs pads of at most 5",
                        "9:48: error: pad mode \"reflect\" takes no value",
                        "10:14: error: padding dim 2 of size 6 by (-3, -3) leaves no elements",
                        "11:14: error: cannot pad dim 0 of size batch, bound at run time",
                        "12:16: error: pad mode \"circular\" pads the last 1, 2 or 3 dims of a tensor with 2 dims before"
                                + " them; 1 pair needs a tensor of rank 3, got i32[batch, 3]",
                        "13:14: error: pad mode \"circular\" pads the last 1, 2 or 3 dims of a tensor with 2 dims before"
                                + " them; 2 pairs need a tensor of rank 4, got f32[batch, 4, 6]",
                        "14:14: error: padding dim 2 of size 6 by (-3, 4) in mode \"circular\" needs pads of at most 3"),
                c("bad flips, rolls, repeats, expands and narrows",
                        "  a = flip(x, [0, 0])\n  b = flip(x, [3])\n  c = roll(x, [1, 2])\n  d = roll(x, [1], [1, 2])\n"
                                + "  e = roll(x, 1, 0)\n  f = repeat(x, [2, 2])\n  g = repeat(x, [1, 0, 1])\n"
                                + "  h = expand(x, [4, 6])\n  i = expand(x, [-1, -1, 4, 6])\n  j = expand(x, [-1, 2, 6])\n"
                                + "  k = narrow(x, 1, 3, 2)\n  l = narrow(x, 0, 0, 1)\n  m = narrow(x, 1, -5, 1)\n"
                                + "  n = narrow(x, 1, 0, 0)\n",
                        "5:15: error: a dim appears more than once in the dims [0, 0]",
                        "6:15: error: dim 3 is out of range for a tensor of rank 3 (valid: -3 to 2)",
                        "7:15: error: without dims, roll takes one shift, got [1, 2]",
                        "8:20: error: shifts and dims must align: 1 shift and 2 dims",
                        "9:18: error: 'roll' needs the size of dim 0 when the model is built, but it is batch, bound at"
                                + " run time",
                        "10:17: error: 'repeat' needs a size for each of the 3 dims of f32[batch, 4, 6], got 2",
                        "11:17: error: repeat sizes must be positive, got [1, 0, 1]",
                        "12:17: error: 'expand' needs at least 3 sizes for f32[batch, 4, 6], got 2",
                        "13:17: error: size 0 of 'expand' must be positive (a new leading dim cannot be -1), got the int -1",
                        "14:7: error: cannot broadcast f32[batch, 4, 6] to [batch, 2, 6]",
                        "15:23: error: length 2 from start 3 does not fit in dim 1 of size 4",
                        "16:17: error: cannot narrow dim 0 of size batch, bound at run time",
                        "17:20: error: start -5 is out of range for dim 1 of size 4 (valid: -4 to 4)",
                        "18:23: error: length 0 from start 0 does not fit in dim 1 of size 4 (tensors with no elements"
                                + " are not supported)"));
    }

    @TestFactory
    Stream<DynamicTest> eachBadSourceGivesExactlyItsDiagnostics() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(Case c) {
        CompilationException e = catchThrowableOfType(CompilationException.class,
                () -> Nnet.compile("t.nnet", H + c.body() + END));
        assertThat(e).as("compiling %s must fail", c.name()).isNotNull();
        List<String> shown = e.diagnostics().stream().map(d -> d.toString().substring("t.nnet:".length())).toList();
        assertThat(shown).as(c.name()).containsExactlyElementsOf(c.expected());
    }
}
