package nnet.compiler.autodiff;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Graph;
import nnet.compiler.ir.GraphBuilder;
import nnet.compiler.ir.Node;
import nnet.compiler.ir.Project;
import nnet.compiler.ir.Root;
import nnet.compiler.ir.Shape;
import nnet.compiler.ops.Build;
import nnet.compiler.ops.leaf.Input;
import nnet.compiler.ops.leaf.Param;

/**
 * Reverse-mode automatic differentiation on the graph. Starting from d loss/d loss = 1, nodes are
 * visited in reverse topological order; each op's gradient rule adds the nodes that compute its
 * operands' gradients, contributions from several users are summed (fan-out), and gradients are
 * brought to each operand's shape (summing over broadcast dims). Only what is needed is built: a node
 * gets a gradient only if it lies on a path from a trainable parameter (or, when asked, a floating
 * input) to the loss; integer inputs, constants and frozen parameters get none.
 */
public final class Autodiff {
    private final Graph forward;
    private final GraphBuilder g;
    private final Build b;
    private final boolean[] requiresGrad;
    private final boolean[] needed;
    /** contributions.get(node)[k]: the gradient terms of result k of the node, summed when it is reached. */
    private final List<List<Integer>[]> contributions = new ArrayList<>();
    private final List<String> unreached = new ArrayList<>();

    private Autodiff(Graph forward, GraphBuilder g, boolean[] sources) {
        this.forward = forward;
        this.g = g;
        this.b = Build.of(g);
        this.requiresGrad = requiresGrad(forward, sources);
        this.needed = new boolean[forward.size()];
        for (Node n : forward.nodes()) {
            @SuppressWarnings("unchecked")
            List<Integer>[] perResult = new List[n.results().size()];
            for (int k = 0; k < perResult.length; k++) {
                perResult[k] = new ArrayList<>();
            }
            contributions.add(perResult);
        }
    }

    /** The result: the graph with GRAD (and INPUT_GRAD) roots, and parameters the loss does not reach. */
    public record Result(Graph graph, List<String> unreachedParams) {
    }

    /**
     * Adds the gradient of the loss with respect to every trainable parameter as a GRAD root, and with
     * {@code inputGradients} also with respect to every floating-point input, as INPUT_GRAD roots.
     */
    public static Result differentiate(Graph forward, boolean inputGradients) {
        Root loss = forward.roots(Root.Kind.LOSS).stream().findFirst().orElse(null);
        if (loss == null) {
            return new Result(forward, List.of());
        }
        forward = ResidualSaving.prepare(forward,
                needed(forward, sources(forward, inputGradients), List.of(loss.node())));
        loss = forward.roots(Root.Kind.LOSS).get(0);
        boolean[] sources = sources(forward, inputGradients);
        Autodiff ad = new Autodiff(forward, GraphBuilder.extending(forward), sources);
        ad.markNeeded(List.of(loss.node()));
        if (ad.needed[loss.node()]) {
            ad.terms(loss.node(), 0).add(ad.b.constant(1, forward.type(loss.node()).dtype()));
            ad.sweep(loss.node());
        }
        ad.addRoots(inputGradients);
        return new Result(ad.g.build(), List.copyOf(ad.unreached));
    }

    /** The leaves a model is differentiated with respect to: trainable parameters, and maybe float inputs. */
    private static boolean[] sources(Graph forward, boolean inputGradients) {
        boolean[] sources = new boolean[forward.size()];
        for (Node n : forward.nodes()) {
            if (n.op() instanceof Param p) {
                sources[n.id()] = p.trainable();
            } else if (n.op() instanceof Input) {
                sources[n.id()] = inputGradients && n.type().dtype().isFloat();
            }
        }
        return sources;
    }

    /**
     * Reverse mode inside a graph under construction: {@code g} extends {@code forward} and holds the
     * seeds, the gradients of some of its nodes ({@code seeds}: node, then the node holding its gradient,
     * several per node allowed). Adds to {@code g} the gradient of each {@code sources} leaf and returns
     * its id, or -1 where no gradient reaches it. Ops that save values for their gradient must already
     * have been prepared ({@link ResidualSaving}).
     */
    public static int[] pullback(Graph forward, GraphBuilder g, List<int[]> seeds, boolean[] sources) {
        Autodiff ad = new Autodiff(forward, g, sources);
        List<Integer> seeded = seeds.stream().map(s -> s[0]).toList();
        ad.markNeeded(seeded);
        int top = -1;
        for (int[] s : seeds) {
            if (ad.needed[s[0]]) {
                ad.terms(s[0], 0).add(s[1]);
                top = Math.max(top, s[0]);
            }
        }
        if (top >= 0) {
            ad.sweep(top);
        }
        int[] grads = new int[forward.size()];
        java.util.Arrays.fill(grads, -1);
        for (int id = 0; id < forward.size(); id++) {
            if (sources[id] && ad.reached(id)) {
                grads[id] = ad.total(id, 0);
            }
        }
        return grads;
    }

    /** Which nodes take part in differentiating {@code targets} with respect to {@code sources}. */
    static boolean[] needed(Graph forward, boolean[] sources, List<Integer> targets) {
        Autodiff ad = new Autodiff(forward, GraphBuilder.extending(forward), sources);
        ad.markNeeded(targets);
        return ad.needed;
    }

    private static boolean[] requiresGrad(Graph f, boolean[] sources) {
        boolean[] r = new boolean[f.size()];
        for (Node n : f.nodes()) {
            if (n.inputs().isEmpty()) {
                r[n.id()] = sources[n.id()];
            } else if (n.op().differentiable()) {
                boolean floating = n.results().stream().anyMatch(t -> t.dtype().isFloat());
                r[n.id()] = floating && n.inputs().stream().anyMatch(i -> r[i]);
            }
        }
        return r;
    }

    /** Marks the nodes that both lead to a target and depend on something that needs a gradient. */
    private void markNeeded(List<Integer> targets) {
        int top = -1;
        for (int t : targets) {
            needed[t] |= requiresGrad[t];
            top = Math.max(top, t);
        }
        for (int id = top; id >= 0; id--) {
            if (!needed[id]) {
                continue;
            }
            for (int in : forward.node(id).inputs()) {
                if (requiresGrad[in]) {
                    needed[in] = true;
                }
            }
        }
    }

    private void sweep(int top) {
        for (int id = top; id >= 0; id--) {
            Node n = forward.node(id);
            if (!needed[id] || !reached(id) || n.inputs().isEmpty()) {
                continue;
            }
            if (n.op() instanceof Project p) {
                terms(n.input(0), p.index()).add(total(id, 0));
            } else {
                List<Integer> dys = new ArrayList<>();
                for (int k = 0; k < n.results().size(); k++) {
                    dys.add(terms(id, k).isEmpty() ? null : total(id, k));
                }
                propagate(n, dys);
            }
        }
    }

    private List<Integer> terms(int node, int result) {
        return contributions.get(node)[result];
    }

    private boolean reached(int node) {
        for (List<Integer> t : contributions.get(node)) {
            if (!t.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private void propagate(Node n, List<Integer> dy) {
        boolean[] needs = new boolean[n.arity()];
        boolean any = false;
        for (int i = 0; i < n.arity(); i++) {
            needs[i] = needed[n.input(i)];
            any |= needs[i];
        }
        if (!any) {
            return;
        }
        if (!n.op().differentiable()) {
            throw new IllegalStateException("'" + n.op().name() + "' is not differentiable");
        }
        List<Integer> grads = n.op().gradient(new Gradient(g, n, dy, needs));
        for (int i = 0; i < n.arity(); i++) {
            Integer gi = grads.get(i);
            if (needs[i] && gi != null) {
                terms(n.input(i), 0).add(b.fitTo(gi, forward.type(n.input(i)).shape()));
            }
        }
    }

    /** The sum of all contributions to the gradient of a node's result (one add per extra user). */
    private int total(int id, int result) {
        List<Integer> parts = terms(id, result);
        int sum = parts.get(0);
        for (int k = 1; k < parts.size(); k++) {
            sum = b.add(sum, parts.get(k));
        }
        parts.clear();
        parts.add(sum);
        return sum;
    }

    private void addRoots(boolean inputGradients) {
        for (Node n : forward.nodes()) {
            if (n.op() instanceof Param p && p.trainable()) {
                g.root(Root.Kind.GRAD, p.paramName(), gradientOf(n, p.paramName()));
            } else if (n.op() instanceof Input in && inputGradients && n.type().dtype().isFloat()) {
                g.root(Root.Kind.INPUT_GRAD, in.inputName(), gradientOf(n, null));
            }
        }
    }

    private int gradientOf(Node leaf, String paramName) {
        if (terms(leaf.id(), 0).isEmpty()) {
            if (paramName != null) {
                unreached.add(paramName);
            }
            Shape shape = leaf.type().shape();
            return b.expand(b.constant(0, leaf.type().dtype()), shape);
        }
        return total(leaf.id(), 0);
    }
}
