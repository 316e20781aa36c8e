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
 * What users see for wrong arguments to the loss functions, built in or in the standard library:
 * operands of different shapes (which PyTorch would broadcast), reductions that are not among the
 * choices, weights of the wrong shape or dtype, options outside their range. Every diagnostic is
 * checked as {@code line:col: error: message}, in order, and nothing else may be reported.
 */
class LossDiagnosticsTest {
    private static final String H = "model M {\n  input x: f32[batch, 4]\n";

    record Case(String name, String source, List<String> expected) {
    }

    private static Case c(String name, String source, String... expected) {
        return new Case(name, source, List.of(expected));
    }

    static List<Case> cases() {
        return List.of(
                c("l1_loss of an output [batch, 1] against a target [batch]",
                        H + "  input t: f32[batch, 1]\n  loss = l1_loss(x, t)\n}\n",
                        "4:10: error: in 'l1_loss': input f32[batch, 4] and target f32[batch, 1] differ in shape, and broadcasting them would pair every input with every target; give them the same shape (with squeeze, unsqueeze or reshape)"),
                c("binary_cross_entropy of an input and a target of different shapes",
                        H + "  input t: f32[batch]\n  loss = binary_cross_entropy(sigmoid(x), t)\n}\n",
                        "4:10: error: 'binary_cross_entropy': input f32[batch, 4] and target f32[batch] differ in shape, and broadcasting them would pair every input with every target; give them the same shape (with squeeze, unsqueeze or reshape)"),
                c("a reduction cross_entropy does not know",
                        H + "  input t: i32[batch]\n  loss = cross_entropy(x, t, reduction = \"avg\")\n}\n",
                        "4:42: error: argument 'reduction' of 'cross_entropy' must be one of \"mean\", \"sum\", \"none\", got the string \"avg\""),
                c("a misspelt reduction to a standard-library loss",
                        H + "  loss = huber_loss(x, x, reduction = \"summ\")\n}\n",
                        "3:39: error: argument 'reduction' of 'huber_loss' must be one of \"mean\", \"sum\", \"none\", got the string \"summ\"; did you mean \"sum\"?"),
                c("kl_div takes batchmean too",
                        H + "  loss = kl_div(x, x, reduction = \"batchmeans\")\n}\n",
                        "3:35: error: argument 'reduction' of 'kl_div' must be one of \"mean\", \"batchmean\", \"sum\", \"none\", got the string \"batchmeans\"; did you mean \"batchmean\"?"),
                c("class weights of the wrong size",
                        H + "  input t: i32[batch]\n  input w: f32[3]\n  loss = cross_entropy(x, t, w)\n}\n",
                        "5:10: error: 'cross_entropy': class weights f32[3] do not match logits f32[batch, 4]; they need one weight per class: f32[4]"),
                c("ignore_index with class probabilities",
                        H + "  input p: f32[batch, 4]\n  loss = cross_entropy(x, p, ignore_index = 0)\n}\n",
                        "4:45: error: ignore_index is not supported with class probabilities as the target; it must be negative (the default is -100), got 0"),
                c("class probabilities of another dtype than the logits",
                        H + "  input p: f64[batch, 4]\n  loss = cross_entropy(x, p)\n}\n",
                        "4:10: error: 'cross_entropy': class probabilities f64[batch, 4] do not match logits f32[batch, 4]; they need the same shape and dtype"),
                c("label smoothing above 1",
                        H + "  input t: i32[batch]\n  loss = cross_entropy(x, t, label_smoothing = 1.5)\n}\n",
                        "4:48: error: label_smoothing must be in [0, 1], got 1.5"),
                c("an ignore_index no class index can equal",
                        H + "  input t: i32[batch]\n  loss = nll_loss(x, t, ignore_index = 10000000000)\n}\n",
                        "4:40: error: ignore_index must be an i32 value like the class indices, got 10000000000"),
                c("a weight that does not broadcast to the input",
                        H + "  input w: f32[3]\n  loss = binary_cross_entropy(sigmoid(x), x, weight = w)\n}\n",
                        "4:55: error: 'binary_cross_entropy': weight f32[3] does not broadcast to the input's shape [batch, 4]"),
                c("a pos_weight of another dtype",
                        H + "  input w: f64[4]\n  loss = binary_cross_entropy_with_logits(x, x, pos_weight = w)\n}\n",
                        "4:62: error: 'binary_cross_entropy_with_logits': pos_weight f64[4] needs the input's dtype f32"),
                c("a pos_weight that would enlarge the loss",
                        H + "  input w: f32[batch, 4, 2]\n  loss = binary_cross_entropy_with_logits(x, x, pos_weight = w)\n}\n",
                        "4:62: error: 'binary_cross_entropy_with_logits': pos_weight f32[batch, 4, 2] does not broadcast to the input's shape [batch, 4]"),
                c("cosine_similarity along a dim out of range",
                        H + "  loss = sum(cosine_similarity(x, x, dim = 2))\n}\n",
                        "3:44: error: dim 2 is out of range for a tensor of rank 2 (valid: -2 to 1)"),
                c("cosine_similarity of shapes that do not broadcast",
                        H + "  input z: f32[3]\n  loss = sum(cosine_similarity(x, z))\n}\n",
                        "4:14: error: 'cosine_similarity' cannot broadcast x1 f32[batch, 4] and x2 f32[3]"),
                c("cosine_similarity of integer tensors",
                        H + "  input z: i32[batch, 4]\n  loss = sum(cosine_similarity(z, z))\n}\n",
                        "4:14: error: 'cosine_similarity' needs floating-point x1 and x2 of one dtype, got i32[batch, 4] and i32[batch, 4]"),
                c("a negative beta",
                        H + "  loss = smooth_l1_loss(x, x, beta = -1)\n}\n",
                        "3:10: error: in 'smooth_l1_loss': beta must be ≥ 0, got -1.0"),
                c("a delta of 0",
                        H + "  loss = huber_loss(x, x, delta = 0)\n}\n",
                        "3:10: error: in 'huber_loss': delta must be > 0, got 0.0"),
                c("a variance of the wrong shape",
                        H + "  input v: f32[batch, 2]\n  loss = gaussian_nll_loss(x, x, v)\n}\n",
                        "4:10: error: in 'gaussian_nll_loss': var f32[batch, 2] does not match input f32[batch, 4]; it needs the input's shape, or that shape with the last dim 1 or left out"),
                c("cosine_embedding_loss with targets of the wrong shape",
                        H + "  input t: f32[4]\n  loss = cosine_embedding_loss(x, x, t)\n}\n",
                        "4:10: error: in 'cosine_embedding_loss': needs inputs [N, D] with a target [N], or inputs [D] with a scalar target; got inputs f32[batch, 4] and target f32[4]"),
                c("triplet_margin_loss with a negative of another shape",
                        H + "  input n: f32[batch, 3]\n  loss = triplet_margin_loss(x, x, n)\n}\n",
                        "4:10: error: in 'triplet_margin_loss': anchor f32[batch, 4] and negative f32[batch, 3] differ in shape, and broadcasting them would pair every anchor with every negative; give them the same shape (with squeeze, unsqueeze or reshape)"),
                c("multilabel_soft_margin_loss of a scalar",
                        H + "  input s: f32[]\n  loss = multilabel_soft_margin_loss(s, s)\n}\n",
                        "4:38: error: 'multilabel_soft_margin_loss' needs input of shape [..., C], got f32[]"),
                c("margin_ranking_loss with targets of another shape",
                        H + "  input t: f32[batch]\n  loss = margin_ranking_loss(x, x, t)\n}\n",
                        "4:10: error: in 'margin_ranking_loss': input1 f32[batch, 4] and target f32[batch] differ in shape, and broadcasting them would pair every input1 with every target; give them the same shape (with squeeze, unsqueeze or reshape)"),
                c("pairwise_distance with p = 0",
                        H + "  loss = sum(pairwise_distance(x, x, p = 0))\n}\n",
                        "3:14: error: in 'pairwise_distance': p must be > 0, got 0.0"),
                c("nll_loss of float targets",
                        H + "  input t: f32[batch]\n  loss = nll_loss(x, t)\n}\n",
                        "4:10: error: 'nll_loss' needs class indices of type i32, got f32[batch]"),
                c("several errors in one file",
                        H + "  input t: f32[batch]\n  metric a = mse_loss(x, t)\n"
                                + "  metric b = nll_loss(x, t, reduction = \"mean \")\n"
                                + "  loss = kl_div(x, x, \"sum\", log_target = 1)\n}\n",
                        "4:14: error: in 'mse_loss': input f32[batch, 4] and target f32[batch] differ in shape, and broadcasting them would pair every input with every target; give them the same shape (with squeeze, unsqueeze or reshape)",
                        "5:41: error: argument 'reduction' of 'nll_loss' must be one of \"mean\", \"sum\", \"none\", got the string \"mean \"; did you mean \"mean\"?",
                        "6:43: error: argument 'log_target' of 'kl_div' must be true or false, got the int 1"));
    }

    @TestFactory
    Stream<DynamicTest> eachBadCallGivesExactlyItsDiagnostics() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(Case c) {
        CompilationException e = catchThrowableOfType(CompilationException.class,
                () -> Nnet.compile("t.nnet", c.source()));
        assertThat(e).as("compiling %s must fail", c.name()).isNotNull();
        List<String> shown = e.diagnostics().stream().map(d -> d.toString().substring("t.nnet:".length())).toList();
        assertThat(shown).as(c.name()).containsExactlyElementsOf(c.expected());
    }
}
