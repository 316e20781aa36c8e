package nnet.compiler.ops.loop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nnet.compiler.autodiff.Autodiff;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Graph;
import nnet.compiler.ir.GraphBuilder;
import nnet.compiler.ir.Node;
import nnet.compiler.ir.Root;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.Build;
import nnet.compiler.ops.LeafOp;

/**
 * The gradient of a loop: another loop, over the same steps the other way, whose body is the pullback of
 * the forward body. Its carries are the gradients of the forward carries and one accumulator per
 * invariant operand that takes a gradient (weights shared by every step); its sequences are the
 * gradients of the forward's per-step results and the forward values its body reads, which the forward
 * loop stacks as extra results ("saved"), or reads from its own operands when they are sequence slices or
 * invariants. A saved value is stacked only if the pullback reads it.
 */
public final class BackpropThroughTime {
    private BackpropThroughTime() {
    }

    /** Where an operand of the backward loop comes from, in terms of the forward loop node. */
    public sealed interface Operand {
        /** The node that feeds the backward loop, in the forward node's gradient rule. */
        int value(Gradient g, Build b);

        /** The gradient of forward result {@code k} (zeros when none reaches it). */
        record ResultGrad(int k) implements Operand {
            public int value(Gradient g, Build b) {
                return g.outputGrad(k) != null ? g.outputGrad(k) : Plan.zeros(b, g.node().result(k));
            }
        }

        /** Forward result {@code k}: a saved stack, or a per-step result. */
        record Result(int k) implements Operand {
            public int value(Gradient g, Build b) {
                return Loop.result(b, g.node().id(), k);
            }
        }

        /** Forward operand {@code i}. */
        record Input(int i) implements Operand {
            public int value(Gradient g, Build b) {
                return g.input(i);
            }
        }

        /** Zeros shaped like forward operand {@code i}: an accumulator's start. */
        record Zeros(int i) implements Operand {
            public int value(Gradient g, Build b) {
                return Plan.zeros(b, g.inputType(i));
            }
        }
    }

    /**
     * The backward loop, how to feed it, and for each forward operand the backward result that is its
     * gradient (-1: none). {@code saved} counts the forward's extra results.
     */
    public record Plan(Loop loop, int saved, List<Operand> operands, List<Integer> gradientOf) {
        public Plan {
            operands = List.copyOf(operands);
            gradientOf = List.copyOf(gradientOf);
        }

        List<Integer> gradient(Gradient g) {
            Build b = Build.of(g.graph());
            Node forward = g.node();
            List<Integer> inputs = new ArrayList<>();
            for (Operand o : operands) {
                inputs.add(o.value(g, b));
            }
            int node = g.graph().add(loop, inputs);
            List<Integer> grads = new ArrayList<>();
            for (int i = 0; i < forward.arity(); i++) {
                int k = gradientOf.get(i);
                grads.add(k >= 0 && g.needs(i) ? Loop.result(b, node, k) : null);
            }
            return grads;
        }

        static int zeros(Build b, TensorType t) {
            return b.expand(b.constant(0, t.dtype()), t.shape());
        }
    }

    /** A seed of the pullback: the gradient of body root {@code root}, a leaf of the joint graph only. */
    private record Seed(int root, TensorType type) implements LeafOp {
        public String name() {
            return "seed";
        }
    }

    static Loop plan(Loop f, List<TensorType> inputs, boolean[] needs) {
        return new Planner(f, inputs, needs).plan();
    }

    private static final class Planner {
        private final Loop f;
        private final Graph body;
        private final List<TensorType> inputs;
        private final boolean[] needs;
        private final int c;
        private final int s;
        private final GraphBuilder joint;
        private final GraphBuilder back;
        private final Map<Integer, Integer> copied = new HashMap<>();
        /** The backward's sequences after the output gradients, and its invariants, as forward operands. */
        private final List<Operand> slices = new ArrayList<>();
        private final List<Operand> invariants = new ArrayList<>();
        /** The forward body nodes stacked for the backward, in order. */
        private final List<Integer> saved = new ArrayList<>();
        /**
         * Forward body nodes that every step computes alike (from invariants and constants only, such as
         * a transposed weight): the backward recomputes them once per step instead of stacking copies.
         */
        private final boolean[] invariant;

        Planner(Loop f, List<TensorType> inputs, boolean[] needs) {
            this.f = f;
            this.inputs = inputs;
            this.body = f.body();
            this.needs = needs;
            this.c = f.carries();
            this.s = f.sequences();
            this.joint = GraphBuilder.extending(body);
            this.back = new GraphBuilder(body.name() + ".backward");
            this.invariant = new boolean[body.size()];
            for (Node n : body.nodes()) {
                invariant[n.id()] = n.op() instanceof LoopInput in ? in.kind() == LoopInput.Kind.INVARIANT
                        : n.inputs().stream().allMatch(i -> invariant[i]) && !n.hasSeveralResults();
            }
        }

        Loop plan() {
            int[] grads = pullback();
            List<Integer> accumulated = new ArrayList<>();
            for (int i = 0; i < f.invariants(); i++) {
                if (needs[c + s + i]) {
                    accumulated.add(i);
                }
            }
            List<Integer> nextCarries = new ArrayList<>();
            for (int k = 0; k < c; k++) {
                int leaf = leaf(LoopInput.Kind.CARRY, k);
                nextCarries.add(gradientOr(grads, leaf, body.type(body.roots().get(k).node())));
            }
            for (int a = 0; a < accumulated.size(); a++) {
                int i = accumulated.get(a);
                TensorType t = inputs.get(c + s + i);
                int leaf = leaf(LoopInput.Kind.INVARIANT, i);
                int acc = back.add(new LoopInput(LoopInput.Kind.CARRY, c + a, t), List.of());
                nextCarries.add(leaf < 0 || grads[leaf] < 0 ? acc : Build.of(back).add(acc, copy(grads[leaf])));
            }
            List<Integer> sequenceGrads = new ArrayList<>();
            List<Integer> sequencesTaking = new ArrayList<>();
            for (int q = 0; q < s; q++) {
                if (needs[c + q]) {
                    int leaf = leaf(LoopInput.Kind.SLICE, q);
                    sequenceGrads.add(leaf < 0 ? -1 : grads[leaf]);
                    sequencesTaking.add(q);
                }
            }
            List<Integer> stepRoots = new ArrayList<>();
            for (int q = 0; q < sequencesTaking.size(); q++) {
                TensorType sliceType = sliceType(sequencesTaking.get(q));
                stepRoots.add(sequenceGrads.get(q) < 0 ? zeros(sliceType) : copy(sequenceGrads.get(q)));
            }
            Graph backwardBody = Loop.body(back, nextCarries, stepRoots);
            Loop backward = new Loop(backwardBody, c + accumulated.size(), f.outputs() + slices.size(),
                    invariants.size(), !f.reverse());
            return new Loop(savingBody(), c, s, f.invariants(), f.reverse(),
                    new Plan(backward, saved.size(), operands(accumulated), gradientOf(accumulated, sequencesTaking)));
        }

        /** The gradients of the body's leaves given seeds for every root, in the joint graph. */
        private int[] pullback() {
            List<int[]> seeds = new ArrayList<>();
            List<Root> roots = body.roots();
            for (int r = 0; r < roots.size(); r++) {
                TensorType t = body.type(roots.get(r).node());
                if (t.dtype().isFloat()) {
                    seeds.add(new int[] {roots.get(r).node(), joint.add(new Seed(r, t), List.of())});
                }
            }
            boolean[] sources = new boolean[body.size()];
            for (Node n : body.nodes()) {
                if (n.op() instanceof LoopInput in && n.type().dtype().isFloat()) {
                    sources[n.id()] = switch (in.kind()) {
                        case CARRY -> true;
                        case SLICE -> needs[c + in.index()];
                        case INVARIANT -> needs[c + s + in.index()];
                    };
                }
            }
            return Autodiff.pullback(body, joint, seeds, sources);
        }

        /** The body node of a leaf, or -1 when the body does not read it. */
        private int leaf(LoopInput.Kind kind, int index) {
            for (Node n : body.nodes()) {
                if (n.op() instanceof LoopInput in && in.kind() == kind && in.index() == index) {
                    return n.id();
                }
            }
            return -1;
        }

        private int gradientOr(int[] grads, int leaf, TensorType type) {
            return leaf >= 0 && grads[leaf] >= 0 ? copy(grads[leaf]) : zeros(type);
        }

        private int zeros(TensorType t) {
            Build b = Build.of(back);
            return b.expand(b.constant(0, t.dtype()), t.shape());
        }

        /** A step's slice of sequence {@code sequence}: its operand's type without the first dim. */
        private TensorType sliceType(int sequence) {
            TensorType whole = inputs.get(c + sequence);
            return whole.withShape(whole.shape().sub(1, whole.rank()));
        }

        /** The backward body's node for a node of the joint graph, copying what it reads first. */
        private int copy(int id) {
            Integer done = copied.get(id);
            if (done != null) {
                return done;
            }
            Node n = joint.node(id);
            int result;
            if (n.op() instanceof Seed seed) {
                LoopInput.Kind kind = seed.root() < c ? LoopInput.Kind.CARRY : LoopInput.Kind.SLICE;
                int index = seed.root() < c ? seed.root() : seed.root() - c;
                result = back.add(new LoopInput(kind, index, seed.type()), List.of());
            } else if (id < body.size() && !(n.op() instanceof LeafOp) && !invariant[id]) {
                result = sliceOf(new Operand.Result(-1), id, n.type());
            } else if (n.op() instanceof LoopInput in) {
                result = switch (in.kind()) {
                    case CARRY -> sliceOf(new Operand.Result(-1), id, n.type());
                    case SLICE -> sliceOf(new Operand.Input(c + in.index()), id, n.type());
                    case INVARIANT -> invariant(c + s + in.index(), n.type());
                };
            } else {
                List<Integer> inputs = new ArrayList<>();
                n.inputs().forEach(i -> inputs.add(copy(i)));
                result = back.addNode(n.op(), inputs, n.results());
            }
            copied.put(id, result);
            return result;
        }

        /** A slice leaf of the backward body: a forward operand, or a value the forward saves (Result(-1)). */
        private int sliceOf(Operand source, int bodyNode, TensorType type) {
            if (source instanceof Operand.Result) {
                int stacked = stepResultOf(bodyNode);
                if (stacked >= 0) {
                    source = new Operand.Result(c + stacked);
                } else {
                    source = new Operand.Result(c + f.outputs() + saved.size());
                    saved.add(bodyNode);
                }
            }
            slices.add(source);
            return back.add(new LoopInput(LoopInput.Kind.SLICE, f.outputs() + slices.size() - 1, type), List.of());
        }

        /** The per-step result of the forward that is this body node's value, or -1. */
        private int stepResultOf(int bodyNode) {
            List<Root> roots = body.roots();
            for (int k = c; k < roots.size(); k++) {
                if (roots.get(k).node() == bodyNode) {
                    return k - c;
                }
            }
            return -1;
        }

        private int invariant(int operand, TensorType type) {
            invariants.add(new Operand.Input(operand));
            return back.add(new LoopInput(LoopInput.Kind.INVARIANT, invariants.size() - 1, type), List.of());
        }

        /** The forward body, also delivering each saved value as a per-step result. */
        private Graph savingBody() {
            GraphBuilder b = GraphBuilder.extending(body);
            List<Root> roots = new ArrayList<>(body.roots());
            for (int k = 0; k < saved.size(); k++) {
                roots.add(new Root(Root.Kind.STEP, "saved" + k, saved.get(k)));
            }
            b.replaceRoots(roots);
            return b.build();
        }

        private List<Operand> operands(List<Integer> accumulated) {
            List<Operand> ops = new ArrayList<>();
            for (int k = 0; k < c; k++) {
                ops.add(new Operand.ResultGrad(k));
            }
            accumulated.forEach(i -> ops.add(new Operand.Zeros(c + s + i)));
            for (int j = 0; j < f.outputs(); j++) {
                ops.add(new Operand.ResultGrad(c + j));
            }
            ops.addAll(slices);
            ops.addAll(invariants);
            return ops;
        }

        private List<Integer> gradientOf(List<Integer> accumulated, List<Integer> sequencesTaking) {
            List<Integer> g = new ArrayList<>();
            int carryResults = c + accumulated.size();
            for (int i = 0; i < c + s + f.invariants(); i++) {
                if (i < c) {
                    g.add(i);
                } else if (i < c + s) {
                    int q = sequencesTaking.indexOf(i - c);
                    g.add(q < 0 ? -1 : carryResults + q);
                } else {
                    int a = accumulated.indexOf(i - c - s);
                    g.add(a < 0 ? -1 : c + a);
                }
            }
            return g;
        }
    }
}
