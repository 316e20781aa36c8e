package nnet.compiler.ops.loop;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ir.Gradient;
import nnet.compiler.ir.Graph;
import nnet.compiler.ir.GraphBuilder;
import nnet.compiler.ir.HasBody;
import nnet.compiler.ir.Node;
import nnet.compiler.ir.Root;
import nnet.compiler.ir.SavesForGradient;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.Build;
import nnet.compiler.ops.leaf.Constant;

/**
 * A recurrence: runs {@code body} once per step of its sequences, along their first dim, carrying values
 * from each step to the next. Operands: the carries' initial values, then the sequences ([T, ...]),
 * then loop-invariant operands (the weights every step shares). Results: the carries' final values, then
 * each per-step result of the body stacked over the steps ([T, ...]). With {@code reverse} the steps run
 * from the last to the first, and results are still stacked by step index.
 *
 * <p>The body is a graph of its own whose leaves are {@link LoopInput}s and whose roots are the carries'
 * next values ({@link Root.Kind#CARRY}, in order) followed by the per-step results ({@link Root.Kind#STEP}).
 * The gradient is a loop too, running the other way (backpropagation through time; see
 * {@link BackpropThroughTime}); {@code backward}, set by {@link #forGradient}, is its plan.
 */
public record Loop(Graph body, int carries, int sequences, int invariants, boolean reverse,
                   BackpropThroughTime.Plan backward) implements SavesForGradient, HasBody {

    public Loop {
        long carryRoots = body.roots(Root.Kind.CARRY).size();
        if (carryRoots != carries || body.roots().size() != carries + body.roots(Root.Kind.STEP).size()) {
            throw new IllegalArgumentException("a loop body must deliver its " + carries
                    + " carries first, then its per-step results: " + body.roots());
        }
    }

    public Loop(Graph body, int carries, int sequences, int invariants, boolean reverse) {
        this(body, carries, sequences, invariants, reverse, null);
    }

    public String name() {
        return "loop";
    }

    @Override
    public String attributes() {
        return "carries=" + carries + " sequences=" + sequences + " invariants=" + invariants
                + (reverse ? " reverse" : "") + (backward != null ? " saves=" + backward.saved() : "");
    }

    public int outputs() {
        return body.roots().size() - carries;
    }

    @Override
    public List<TensorType> inferResults(List<TensorType> inputs) {
        if (inputs.size() != carries + sequences + invariants) {
            throw new ShapeException("'loop' takes " + (carries + sequences + invariants) + " operands, got "
                    + inputs.size());
        }
        TensorType first = inputs.get(carries);
        if (sequences == 0 || first.rank() == 0) {
            throw new ShapeException("'loop' needs a sequence with a dim to step along, got "
                    + (sequences == 0 ? "none" : first));
        }
        for (Node n : body.nodes()) {
            if (n.op() instanceof LoopInput in) {
                checkLeaf(in, inputs);
            } else if (n.op() instanceof HasBody) {
                throw new ShapeException("loops inside a loop body are not supported");
            } else if (n.op() instanceof nnet.compiler.ops.elementwise.RandomUniform) {
                throw new ShapeException("random numbers inside a loop body are not supported (every step would"
                        + " draw the same ones); draw them outside, e.g. one mask per step as a sequence, and pass them in");
            } else if (n.op() instanceof nnet.compiler.ops.LeafOp leaf && !(leaf instanceof Constant)
                    && !(leaf instanceof nnet.compiler.ops.leaf.DimValue)) {
                throw new ShapeException("a loop body cannot hold '" + leaf.name() + "'; pass it to the loop as an operand");
            }
        }
        List<Root> roots = body.roots();
        List<TensorType> results = new ArrayList<>();
        for (int k = 0; k < roots.size(); k++) {
            TensorType t = body.type(roots.get(k).node());
            if (k < carries && !t.equals(inputs.get(k))) {
                throw new ShapeException("carry " + k + " starts as " + inputs.get(k) + " but a step makes it " + t);
            }
            results.add(k < carries ? t : t.withShape(Shape.of(steps(inputs)).concat(t.shape())));
        }
        return results;
    }

    /** The number of steps: the first dim of the sequences. */
    public nnet.compiler.ir.Dim steps(List<TensorType> inputs) {
        return inputs.get(carries).shape().dim(0);
    }

    private void checkLeaf(LoopInput in, List<TensorType> inputs) {
        int operand = switch (in.kind()) {
            case CARRY -> in.index() < carries ? in.index() : -1;
            case SLICE -> in.index() < sequences ? carries + in.index() : -1;
            case INVARIANT -> in.index() < invariants ? carries + sequences + in.index() : -1;
        };
        if (operand < 0) {
            throw new ShapeException("loop body reads " + in.kind().spelling() + " " + in.index() + ", which the loop lacks");
        }
        TensorType given = inputs.get(operand);
        if (in.kind() == LoopInput.Kind.SLICE) {
            if (given.rank() == 0 || !given.shape().dim(0).equals(steps(inputs))) {
                throw new ShapeException("sequence " + in.index() + " of the loop is " + given
                        + ", not a sequence of " + steps(inputs) + " steps");
            }
            given = given.withShape(given.shape().sub(1, given.rank()));
        }
        if (!given.equals(in.type())) {
            throw new ShapeException("loop body expects " + in.kind().spelling() + " " + in.index() + " to be "
                    + in.type() + ", got " + given);
        }
    }

    @Override
    public Loop withBody(Graph newBody) {
        return new Loop(newBody, carries, sequences, invariants, reverse, backward);
    }

    @Override
    public Loop forGradient(List<TensorType> inputs, boolean[] needs) {
        return BackpropThroughTime.plan(this, inputs, needs);
    }

    @Override
    public List<Integer> gradient(Gradient g) {
        if (backward == null) {
            throw new IllegalStateException("loop differentiated without its plan (forGradient was not called)");
        }
        return backward.gradient(g);
    }

    /** A body builder's graph with its roots as a loop wants them: carries, then per-step results. */
    public static Graph body(GraphBuilder b, List<Integer> nextCarries, List<Integer> stepResults) {
        List<Root> roots = new ArrayList<>();
        for (int k = 0; k < nextCarries.size(); k++) {
            roots.add(new Root(Root.Kind.CARRY, Integer.toString(k), nextCarries.get(k)));
        }
        for (int k = 0; k < stepResults.size(); k++) {
            roots.add(new Root(Root.Kind.STEP, Integer.toString(k), stepResults.get(k)));
        }
        b.replaceRoots(roots);
        return b.build();
    }

    /** The value of result {@code k} of a loop node: the node itself when it has one result. */
    static int result(Build b, int node, int k) {
        return b.graph().node(node).hasSeveralResults() ? b.graph().project(node, k) : node;
    }
}
