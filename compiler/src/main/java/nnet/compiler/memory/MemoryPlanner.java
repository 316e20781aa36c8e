package nnet.compiler.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nnet.compiler.codegen.Storage;
import nnet.compiler.ir.Graph;
import nnet.compiler.ir.Node;
import nnet.compiler.ir.Project;
import nnet.compiler.ir.Root;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.ElementwiseOp;
import nnet.compiler.ops.KernelOp;
import nnet.compiler.ops.LeafOp;
import nnet.compiler.ops.ViewOp;
import nnet.compiler.ops.leaf.Constant;
import nnet.compiler.ops.leaf.DimValue;
import nnet.compiler.ops.leaf.Input;
import nnet.compiler.ops.leaf.Param;
import nnet.compiler.ops.leaf.State;
import nnet.compiler.ops.loop.Loop;
import nnet.compiler.ops.loop.LoopInput;

/**
 * Decides where every value of a program lives. Parameters, gradients and the caller's arrays are
 * pinned by the {@link ModelLayout}; views share their operand's storage; every other value is an
 * arena temporary. Liveness runs over the kernel schedule, so a forward activation lives exactly until
 * the last backward kernel that reads it. A kernel may write its output over an operand that dies
 * there when that is legal (elementwise ops on an operand of the output's type, and row-wise kernels
 * that declare it); the two then share one buffer. A kernel with several results writes each into the
 * storage of its projection; a result nothing reads still gets a buffer, live only at that kernel. A
 * loop spans one position more than its body has kernels: its body is planned at the positions inside
 * (values the body reads stay live through them all), with its carries double-buffered between the
 * loop's result and a buffer of their own. The offsets of the buffers are packed by the runtime's
 * {@link nnet.runtime.memory.ArenaPlanner} once run-time dims are bound.
 */
public final class MemoryPlanner {
    private final Graph g;
    private final int program;
    private final Pins pins;
    /** The program's arena buffers, shared with the plans of its loop bodies. */
    private final List<Buffer> buffers;
    /** The position of the graph's first kernel; a loop's body is planned at positions inside the loop's. */
    private final int origin;
    private final Storage[] storage;
    private final Storage[] scratch;
    /** The value whose storage a node uses: itself, or for views the value they view. */
    private final int[] base;
    private final int[] group;
    private final int[] first;
    private final int[] last;
    private final List<Integer> schedule = new ArrayList<>();
    /** Per schedule step, its first and last position (they differ for a loop, which spans its body). */
    private int[] start;
    private int[] end;
    private final int[] bufferOf;
    private final Map<Integer, LoopPlan> loops = new HashMap<>();

    /** Where the leaves and roots of a graph live, when not in the arena (null: the arena). */
    private interface Pins {
        Storage leaf(Node n);

        Storage root(Root r, Node n);
    }

    private MemoryPlanner(Graph g, int program, Pins pins, List<Buffer> buffers, int origin) {
        this.g = g;
        this.program = program;
        this.pins = pins;
        this.buffers = buffers;
        this.origin = origin;
        this.storage = new Storage[g.size()];
        this.scratch = new Storage[g.size()];
        this.base = new int[g.size()];
        this.group = new int[g.size()];
        this.first = new int[g.size()];
        this.last = new int[g.size()];
        this.bufferOf = new int[g.size()];
        Arrays.fill(bufferOf, -1);
    }

    public static ProgramPlan plan(String name, int program, Graph g, ModelLayout layout) {
        List<Buffer> buffers = new ArrayList<>();
        MemoryPlanner p = new MemoryPlanner(g, program, programPins(layout), buffers, 0);
        p.run();
        return new ProgramPlan(name, program, g, List.copyOf(p.schedule), p.storage, p.scratch,
                List.copyOf(buffers), p.loops);
    }

    private void run() {
        pinRootsAndLeaves();
        positions();
        assignArena(liveness());
        placeBuffers();
    }

    private static Pins programPins(ModelLayout layout) {
        return new Pins() {
            public Storage leaf(Node n) {
                if (n.op() instanceof Param p) {
                    return new Storage.Param(n.type().dtype(), layout.param(p.paramName()).offset());
                } else if (n.op() instanceof State st) {
                    return new Storage.State(n.type().dtype(), layout.state(st.stateName()).offset());
                } else if (n.op() instanceof Input in) {
                    return io(layout, ModelLayout.IoKind.INPUT, in.inputName(), n);
                }
                return null;
            }

            public Storage root(Root r, Node n) {
                return switch (r.kind()) {
                    case GRAD -> new Storage.Grad(n.type().dtype(), layout.param(r.name()).offset());
                    case OUTPUT -> io(layout, ModelLayout.IoKind.OUTPUT, r.name(), n);
                    case LOSS -> io(layout, ModelLayout.IoKind.LOSS, r.name(), n);
                    case METRIC -> io(layout, ModelLayout.IoKind.METRIC, r.name(), n);
                    case INPUT_GRAD -> io(layout, ModelLayout.IoKind.INPUT_GRAD, r.name(), n);
                    case STATE -> new Storage.State(n.type().dtype(), layout.state(r.name()).offset());
                    case CARRY, STEP -> throw new IllegalStateException("a program has no " + r.kind().spelling() + " root");
                };
            }
        };
    }

    private static Storage io(ModelLayout layout, ModelLayout.IoKind kind, String name, Node n) {
        return new Storage.Io(n.type().dtype(), layout.io(kind, name).slot());
    }

    private void pinRootsAndLeaves() {
        for (Node n : g.nodes()) {
            base[n.id()] = n.op() instanceof ViewOp ? base[n.input(0)] : n.id();
            group[n.id()] = n.id();
            if (n.op() instanceof Constant c) {
                storage[n.id()] = new Storage.Inline(n.type().dtype(), Scalar.constant(c.value()));
            } else if (n.op() instanceof DimValue d) {
                storage[n.id()] = new Storage.Inline(n.type().dtype(), new Scalar.Size(d.dim()));
            } else if (n.op() instanceof LeafOp) {
                storage[n.id()] = pins.leaf(n);
            } else if (!(n.op() instanceof ViewOp) && !(n.op() instanceof Project)) {
                schedule.add(n.id());
            }
        }
        writeStateLast();
        for (Root r : g.roots()) {
            storage[r.node()] = pins.root(r, g.node(r.node()));
        }
    }

    /** The positions of each step: one per kernel, and for a loop one plus those of its body. */
    private void positions() {
        start = new int[schedule.size()];
        end = new int[schedule.size()];
        int position = origin;
        for (int step = 0; step < schedule.size(); step++) {
            start[step] = position;
            position += span(g.node(schedule.get(step)));
            end[step] = position - 1;
        }
    }

    private static int span(Node n) {
        if (!(n.op() instanceof Loop loop)) {
            return 1;
        }
        int positions = 1;
        for (Node b : loop.body().nodes()) {
            if (!(b.op() instanceof LeafOp) && !(b.op() instanceof ViewOp) && !(b.op() instanceof Project)) {
                positions += span(b);
            }
        }
        return positions;
    }

    /**
     * Moves the kernels writing state buffers to the end of the schedule, after every read of the
     * buffers' current values ({@link nnet.compiler.passes.RootCopies} makes them kernels nothing reads).
     */
    private void writeStateLast() {
        int[] uses = g.useCounts();
        List<Integer> writers = new ArrayList<>();
        for (Root r : g.roots(Root.Kind.STATE)) {
            if (uses[r.node()] != 1 || !schedule.contains(r.node())) {
                throw new IllegalStateException("state buffer " + r.name() + " is written by %" + r.node()
                        + ", which is not a kernel of its own");
            }
            writers.add(r.node());
        }
        schedule.removeAll(writers);
        schedule.addAll(writers);
    }

    /** For each value: the last position that reads it, directly or through a view (-1: never). */
    private int[] liveness() {
        int[] lastUse = new int[g.size()];
        Arrays.fill(lastUse, -1);
        for (int step = 0; step < schedule.size(); step++) {
            for (int in : g.node(schedule.get(step)).inputs()) {
                lastUse[base[in]] = end[step];
            }
        }
        return lastUse;
    }

    private void assignArena(int[] lastUse) {
        for (int step = 0; step < schedule.size(); step++) {
            Node n = g.node(schedule.get(step));
            if (n.hasSeveralResults()) {
                for (int p : g.projections(n.id())) {
                    if (p >= 0) {
                        define(p, step, lastUse);
                    }
                }
                continue;
            }
            define(n.id(), step, lastUse);
            if (storage[n.id()] == null && !(n.op() instanceof Loop)) {
                int reused = inPlaceOperand(n, step, lastUse);
                if (reused >= 0) {
                    int owner = group[base[reused]];
                    group[n.id()] = owner;
                    last[owner] = Math.max(last[owner], last[n.id()]);
                }
            }
        }
    }

    /** A value written at {@code step}: live from there to its last use. */
    private void define(int id, int step, int[] lastUse) {
        first[id] = start[step];
        last[id] = Math.max(end[step], lastUse[id]);
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
            if (legal && storage[b] == null && lastUse[b] == start[step] && !readsElsewhere(n, i, b)) {
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

    /** Gives every arena value a buffer (shared within an in-place group), in schedule order. */
    private void placeBuffers() {
        for (int step = 0; step < schedule.size(); step++) {
            Node n = g.node(schedule.get(step));
            placeScratch(n, step);
            if (!n.hasSeveralResults()) {
                place(n.id());
            } else {
                int[] projections = g.projections(n.id());
                List<Storage> results = new ArrayList<>();
                for (int k = 0; k < projections.length; k++) {
                    int p = projections[k];
                    if (p >= 0) {
                        place(p);
                        results.add(storage[p]);
                    } else {
                        results.add(arena(n.result(k), start[step], end[step]));
                    }
                }
                storage[n.id()] = new Storage.Tuple(results);
            }
            if (n.op() instanceof Loop loop) {
                loops.put(n.id(), planBody(n, loop, step));
            }
        }
        for (Node n : g.nodes()) {
            if (storage[n.id()] == null && n.op() instanceof ViewOp) {
                storage[n.id()] = storage[base[n.id()]];
            }
        }
    }

    /**
     * Plans a loop's body inside the loop's positions: its leaves read the loop's operands (sequences
     * a step's slice), its carries alternate between the loop's result and a buffer of their own, and
     * its per-step results are written into their step's slice of the loop's results.
     */
    private LoopPlan planBody(Node n, Loop loop, int step) {
        List<Storage> results = n.hasSeveralResults() ? ((Storage.Tuple) storage[n.id()]).results()
                : List.of(storage[n.id()]);
        List<TensorType> inputs = n.inputs().stream().map(g::type).toList();
        nnet.compiler.ir.Dim steps = loop.steps(inputs);
        int c = loop.carries();
        int s = loop.sequences();
        List<Storage.Carry> carries = new ArrayList<>();
        List<Storage> carryInit = new ArrayList<>();
        for (int k = 0; k < c; k++) {
            Storage other = arena(n.result(k), start[step], end[step]);
            carries.add(new Storage.Carry(results.get(k), other, steps, false));
            carryInit.add(operand(n, k));
        }
        Pins body = new Pins() {
            public Storage leaf(Node leaf) {
                LoopInput in = (LoopInput) leaf.op();
                return switch (in.kind()) {
                    case CARRY -> carries.get(in.index());
                    case SLICE -> slice(operand(n, c + in.index()), in.type());
                    case INVARIANT -> operand(n, c + s + in.index());
                };
            }

            public Storage root(Root r, Node value) {
                int k = loop.body().roots().indexOf(r);
                return k < c ? carries.get(k).written() : slice(results.get(k), value.type());
            }
        };
        MemoryPlanner p = new MemoryPlanner(loop.body(), program, body, buffers, start[step] + 1);
        p.run();
        return new LoopPlan(loop, steps, loop.body(), p.schedule, p.storage, p.scratch, carryInit,
                List.copyOf(carries));
    }

    /** Where operand {@code i} of a node lives (views share their base's storage). */
    private Storage operand(Node n, int i) {
        return storage[base[n.input(i)]];
    }

    private static Storage slice(Storage whole, TensorType sliceType) {
        return whole instanceof Storage.Inline ? whole : new Storage.Slice(whole, sliceType.shape().numel());
    }

    private void placeScratch(Node n, int step) {
        if (n.op() instanceof KernelOp k) {
            List<TensorType> inputs = n.inputs().stream().map(g::type).toList();
            long elements = k.scratchElements(inputs, n.results());
            if (elements > 0) {
                TensorType t = new TensorType(n.result(0).dtype(), nnet.compiler.ir.Shape.of(elements));
                scratch[n.id()] = arena(t, start[step], end[step]);
            }
        }
    }

    private void place(int id) {
        if (storage[id] != null) {
            return;
        }
        int owner = group[id];
        if (bufferOf[owner] < 0) {
            bufferOf[owner] = buffers.size();
            TensorType t = g.type(owner);
            buffers.add(new Buffer(t.dtype(), t.shape().numel(), first[owner], last[owner]));
        }
        storage[id] = new Storage.Arena(g.type(id).dtype(), program, bufferOf[owner]);
    }

    /** A buffer of its own for a value live over [from, to]. */
    private Storage arena(TensorType t, int from, int to) {
        buffers.add(new Buffer(t.dtype(), t.shape().numel(), from, to));
        return new Storage.Arena(t.dtype(), program, buffers.size() - 1);
    }
}
