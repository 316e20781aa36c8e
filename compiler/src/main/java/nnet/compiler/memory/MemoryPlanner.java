package nnet.compiler.memory;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.codegen.Storage;
import nnet.compiler.ir.Graph;
import nnet.compiler.ir.Node;
import nnet.compiler.ir.Root;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ops.ElementwiseOp;
import nnet.compiler.ops.KernelOp;
import nnet.compiler.ops.LeafOp;
import nnet.compiler.ops.ViewOp;
import nnet.compiler.ops.leaf.Constant;
import nnet.compiler.ops.leaf.DimValue;
import nnet.compiler.ops.leaf.Input;
import nnet.compiler.ops.leaf.Param;

/**
 * Decides where every value of a program lives. Parameters, gradients and the caller's arrays are
 * pinned by the {@link ModelLayout}; views share their operand's storage; every other value is an
 * arena temporary. Liveness runs over the kernel schedule, so a forward activation lives exactly until
 * the last backward kernel that reads it. A kernel may write its output over an operand that dies
 * there when that is legal (elementwise ops on an operand of the output's type, and row-wise kernels
 * that declare it); the two then share one buffer. The offsets of the buffers are packed by the
 * runtime's {@link nnet.runtime.memory.ArenaPlanner} once run-time dims are bound.
 */
public final class MemoryPlanner {
    private final Graph g;
    private final ModelLayout layout;
    private final int program;
    private final Storage[] storage;
    /** The value whose storage a node uses: itself, or for views the value they view. */
    private final int[] base;
    private final int[] group;
    private final List<Integer> schedule = new ArrayList<>();

    private MemoryPlanner(Graph g, ModelLayout layout, int program) {
        this.g = g;
        this.layout = layout;
        this.program = program;
        this.storage = new Storage[g.size()];
        this.base = new int[g.size()];
        this.group = new int[g.size()];
    }

    public static ProgramPlan plan(String name, int program, Graph g, ModelLayout layout) {
        MemoryPlanner p = new MemoryPlanner(g, layout, program);
        p.pinRootsAndLeaves();
        int[] lastUse = p.liveness();
        List<Buffer> buffers = p.assignArena(lastUse);
        return new ProgramPlan(name, program, g, List.copyOf(p.schedule), p.storage, buffers);
    }

    private void pinRootsAndLeaves() {
        for (Node n : g.nodes()) {
            base[n.id()] = n.op() instanceof ViewOp ? base[n.input(0)] : n.id();
            group[n.id()] = n.id();
            if (n.op() instanceof Param p) {
                storage[n.id()] = new Storage.Param(n.type().dtype(), layout.param(p.paramName()).offset());
            } else if (n.op() instanceof Input in) {
                storage[n.id()] = io(ModelLayout.IoKind.INPUT, in.inputName(), n);
            } else if (n.op() instanceof Constant c) {
                storage[n.id()] = new Storage.Inline(n.type().dtype(), Scalar.constant(c.value()));
            } else if (n.op() instanceof DimValue d) {
                storage[n.id()] = new Storage.Inline(n.type().dtype(), new Scalar.Size(d.dim()));
            } else if (!(n.op() instanceof LeafOp) && !(n.op() instanceof ViewOp)) {
                schedule.add(n.id());
            }
        }
        for (Root r : g.roots()) {
            Node n = g.node(r.node());
            storage[n.id()] = switch (r.kind()) {
                case GRAD -> new Storage.Grad(n.type().dtype(), layout.param(r.name()).offset());
                case OUTPUT -> io(ModelLayout.IoKind.OUTPUT, r.name(), n);
                case LOSS -> io(ModelLayout.IoKind.LOSS, r.name(), n);
                case METRIC -> io(ModelLayout.IoKind.METRIC, r.name(), n);
                case INPUT_GRAD -> io(ModelLayout.IoKind.INPUT_GRAD, r.name(), n);
            };
        }
    }

    private Storage io(ModelLayout.IoKind kind, String name, Node n) {
        return new Storage.Io(n.type().dtype(), layout.io(kind, name).slot());
    }

    /** For each value: the last schedule step that reads it, directly or through a view (-1: never). */
    private int[] liveness() {
        int[] last = new int[g.size()];
        java.util.Arrays.fill(last, -1);
        for (int step = 0; step < schedule.size(); step++) {
            for (int in : g.node(schedule.get(step)).inputs()) {
                last[base[in]] = step;
            }
        }
        return last;
    }

    private List<Buffer> assignArena(int[] lastUse) {
        int[] first = new int[g.size()];
        int[] last = new int[g.size()];
        for (int step = 0; step < schedule.size(); step++) {
            int id = schedule.get(step);
            if (storage[id] != null) {
                continue;
            }
            first[id] = step;
            last[id] = Math.max(step, lastUse[id]);
            int reused = inPlaceOperand(g.node(id), step, lastUse);
            if (reused >= 0) {
                int owner = group[base[reused]];
                group[id] = owner;
                last[owner] = Math.max(last[owner], last[id]);
            }
        }
        return buffers(first, last);
    }

    /** The arena value whose buffer this kernel may write its output over, or -1. */
    private int inPlaceOperand(Node n, int step, int[] lastUse) {
        for (int i = 0; i < n.arity(); i++) {
            int in = n.input(i);
            int b = base[in];
            boolean legal = n.op() instanceof ElementwiseOp ? g.type(in).equals(n.type())
                    : n.op() instanceof KernelOp k && k.inPlaceOperand() == i
                        && g.type(in).dtype() == n.type().dtype()
                        && g.type(in).shape().numel().equals(n.type().shape().numel());
            if (legal && storage[b] == null && lastUse[b] == step && !readsElsewhere(n, i, b)) {
                return b;
            }
        }
        return -1;
    }

    /** Whether another operand of the kernel reads the same buffer through a different view or shape. */
    private boolean readsElsewhere(Node n, int operand, int b) {
        for (int j = 0; j < n.arity(); j++) {
            if (j != operand && base[n.input(j)] == b && !g.type(n.input(j)).equals(g.type(n.input(operand)))) {
                return true;
            }
        }
        return false;
    }

    private List<Buffer> buffers(int[] first, int[] last) {
        List<Buffer> buffers = new ArrayList<>();
        int[] bufferOf = new int[g.size()];
        java.util.Arrays.fill(bufferOf, -1);
        for (int id : schedule) {
            if (storage[id] != null) {
                continue;
            }
            int owner = group[id];
            if (bufferOf[owner] < 0) {
                Node n = g.node(owner);
                bufferOf[owner] = buffers.size();
                buffers.add(new Buffer(n.type().dtype(), n.type().shape().numel(), first[owner], last[owner]));
            }
            storage[id] = new Storage.Arena(g.type(id).dtype(), program, bufferOf[owner]);
        }
        for (Node n : g.nodes()) {
            if (n.op() instanceof ViewOp && storage[n.id()] == null) {
                storage[n.id()] = storage[base[n.id()]];
            }
        }
        return buffers;
    }
}
