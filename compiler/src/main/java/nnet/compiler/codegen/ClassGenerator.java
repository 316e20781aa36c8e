package nnet.compiler.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nnet.compiler.ir.Node;
import nnet.compiler.ir.TensorType;
import nnet.compiler.memory.LoopPlan;
import nnet.compiler.memory.ModelLayout;
import nnet.compiler.memory.ProgramPlan;
import nnet.compiler.ops.ElementwiseOp;
import nnet.compiler.ops.KernelOp;
import nnet.runtime.ModelCode;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * Generates the class of a model: a subclass of {@link ModelCode} with one method per kernel, one per
 * program calling its kernels in order (split into chunks so that every method stays far below the
 * size HotSpot refuses to JIT-compile), {@code run(int)} dispatching to the programs, and
 * {@code update(double[])}, the optimizer step.
 */
public final class ClassGenerator {
    /** Kernel calls per driver method: about 4 bytes each, well inside HotSpot's 8000-byte JIT limit. */
    private static final int CALLS_PER_METHOD = 500;
    private static final Method CONSTRUCTOR = Method.getMethod("void <init>(nnet.runtime.ModelState, "
            + "nnet.runtime.ModelCode$Arena, Object[], int[], int[][])");

    private final String internalName;
    private final ModelLayout layout;
    private final CodeLayout code = new CodeLayout();
    private final ClassWriter cw;

    private ClassGenerator(String internalName, ModelLayout layout) {
        this.internalName = internalName;
        this.layout = layout;
        this.cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                // Frames here only merge arrays and this class with itself; no class loading is needed.
                return "java/lang/Object";
            }
        };
    }

    /** The bytes of class {@code internalName} (e.g. "nnet/generated/Digits"). */
    public static byte[] generate(String internalName, ModelLayout layout, List<ProgramPlan> programs,
                                  UpdateEmitter update) {
        ClassGenerator g = new ClassGenerator(internalName, layout);
        g.cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, internalName, null,
                CodeLayout.BASE.getInternalName(), null);
        g.constructor();
        g.run(programs);
        for (ProgramPlan p : programs) {
            g.program(p);
        }
        g.update(update);
        g.cw.visitEnd();
        byte[] bytes = g.cw.toByteArray();
        String huge = MethodSizes.overLimit(bytes);
        if (!huge.isEmpty()) {
            throw new IllegalStateException("generated " + internalName + " has methods over HotSpot's "
                    + MethodSizes.JIT_LIMIT + "-byte JIT limit, which would run interpreted: " + huge);
        }
        return bytes;
    }

    /** Emits the body of {@code update(double[] hyper)}; hyper[0] is the learning rate, hyper[1] the step. */
    public interface UpdateEmitter {
        void emit(GeneratorAdapter ga, Map<String, Integer> dimLocals, ModelLayout layout);
    }

    private void constructor() {
        GeneratorAdapter ga = method(Opcodes.ACC_PUBLIC, CONSTRUCTOR);
        ga.loadThis();
        ga.loadArgs();
        ga.invokeConstructor(CodeLayout.BASE, CONSTRUCTOR);
        ga.returnValue();
        ga.endMethod();
    }

    private GeneratorAdapter method(int access, Method m) {
        MethodVisitor mv = cw.visitMethod(access, m.getName(), m.getDescriptor(), null, null);
        GeneratorAdapter ga = new GeneratorAdapter(mv, access, m.getName(), m.getDescriptor());
        ga.visitCode();
        return ga;
    }

    private void run(List<ProgramPlan> programs) {
        GeneratorAdapter ga = method(Opcodes.ACC_PUBLIC, Method.getMethod("void run(int)"));
        Label[] cases = new Label[programs.size()];
        Label unknown = new Label();
        for (int i = 0; i < cases.length; i++) {
            cases[i] = new Label();
        }
        ga.loadArg(0);
        if (cases.length > 0) {
            ga.visitTableSwitchInsn(0, cases.length - 1, unknown, cases);
        } else {
            ga.pop();
            ga.goTo(unknown);
        }
        for (int i = 0; i < cases.length; i++) {
            ga.mark(cases[i]);
            ga.loadThis();
            ga.invokeVirtual(Type.getObjectType(internalName), new Method(programMethod(programs.get(i).index()), "()V"));
            ga.returnValue();
        }
        ga.mark(unknown);
        ga.throwException(Type.getType(IllegalArgumentException.class), "no such program");
        ga.endMethod();
    }

    private static String programMethod(int index) {
        return "program" + index;
    }

    private void program(ProgramPlan p) {
        List<String> kernels = new ArrayList<>();
        for (int id : p.schedule()) {
            String name = "k" + p.index() + "_" + id;
            LoopPlan loop = p.loops().get(id);
            if (loop != null) {
                loop(name, loop);
            } else {
                kernel(name, p.graph(), p.storage(), p.scratch(), p.graph().node(id));
            }
            kernels.add(name);
        }
        calls(programMethod(p.index()), kernels);
    }

    /** A method calling {@code callees} in order, through chunks when they are many. */
    private void calls(String name, List<String> callees) {
        List<String> chunks = new ArrayList<>();
        for (int from = 0; from < callees.size(); from += CALLS_PER_METHOD) {
            String chunk = name + "_" + chunks.size();
            callsInOne(chunk, callees.subList(from, Math.min(callees.size(), from + CALLS_PER_METHOD)));
            chunks.add(chunk);
        }
        callsInOne(name, chunks);
    }

    private void callsInOne(String name, List<String> callees) {
        GeneratorAdapter ga = method(Opcodes.ACC_PRIVATE, new Method(name, "()V"));
        for (String c : callees) {
            ga.loadThis();
            ga.invokeVirtual(Type.getObjectType(internalName), new Method(c, "()V"));
        }
        ga.returnValue();
        ga.endMethod();
    }

    /**
     * A loop node: one method per body kernel, one calling them for a step, one copying each carry's
     * initial value into the buffer the first step reads, and the loop itself, a real bytecode loop
     * that sets the step fields and calls the step method.
     */
    private void loop(String name, LoopPlan plan) {
        List<String> body = new ArrayList<>();
        for (int id : plan.schedule()) {
            String kernel = name + "_" + id;
            kernel(kernel, plan.body(), plan.storage(), plan.scratch(), plan.body().node(id));
            body.add(kernel);
        }
        calls(name + "_step", body);
        List<String> starts = new ArrayList<>();
        for (int k = 0; k < plan.carryInit().size(); k++) {
            String copy = name + "_start" + k;
            carryStart(copy, plan, k);
            starts.add(copy);
        }
        GeneratorAdapter ga = method(Opcodes.ACC_PRIVATE, new Method(name, "()V"));
        Map<String, Integer> dims = loadDims(ga, layout);
        // Only int expressions are written here; the dtype of scalar expressions does not matter.
        KernelWriter w = new KernelWriter(ga, nnet.runtime.DType.F32, dims);
        Ix steps = w.let(w.size(plan.steps()));
        setLoopField(ga, "loopCount", () -> ga.push(0));
        for (String s : starts) {
            ga.loadThis();
            ga.invokeVirtual(Type.getObjectType(internalName), new Method(s, "()V"));
        }
        boolean reverse = plan.loop().reverse();
        w.loop(Ix.c(0), steps, i -> {
            setLoopField(ga, "loopCount", () -> w.compileIx(i));
            setLoopField(ga, "loopStep", () -> w.compileIx(reverse ? steps.minus(Ix.c(1)).minus(i) : i));
            ga.loadThis();
            ga.invokeVirtual(Type.getObjectType(internalName), new Method(name + "_step", "()V"));
        });
        ga.returnValue();
        ga.endMethod();
    }

    private static void setLoopField(GeneratorAdapter ga, String field, Runnable value) {
        ga.loadThis();
        value.run();
        ga.putField(CodeLayout.BASE, field, Type.INT_TYPE);
    }

    /** Copies carry {@code k}'s initial value into the buffer the first step reads. */
    private void carryStart(String name, LoopPlan plan, int k) {
        GeneratorAdapter ga = method(Opcodes.ACC_PRIVATE, new Method(name, "()V"));
        Map<String, Integer> dims = loadDims(ga, layout);
        nnet.compiler.ops.loop.Loop loop = plan.loop();
        TensorType type = loop.body().type(loop.body().roots().get(k).node());
        Node copy = new Node(0, new nnet.compiler.ops.elementwise.Fused("copy", nnet.compiler.ir.Scalar.arg(0)),
                List.of(0), type);
        KernelWriter w = new KernelWriter(ga, copy, List.of(type), List.of(plan.carryInit().get(k)),
                plan.carryStart().get(k), null, dims, code);
        ElementwiseKernel.emit(w, nnet.compiler.ir.Scalar.arg(0), List.of(w.in(0)), w.out());
        ga.returnValue();
        ga.endMethod();
    }

    /** The inputs of {@code n} that are invariants of the loop body {@code graph} (none outside loops). */
    private static java.util.Set<Integer> loopInvariantInputs(nnet.compiler.ir.Graph graph, Node n) {
        java.util.Set<Integer> invariant = new java.util.HashSet<>();
        for (int i = 0; i < n.arity(); i++) {
            if (graph.node(n.inputs().get(i)).op() instanceof nnet.compiler.ops.loop.LoopInput in
                    && in.kind() == nnet.compiler.ops.loop.LoopInput.Kind.INVARIANT) {
                invariant.add(i);
            }
        }
        return invariant;
    }

    private void kernel(String name, nnet.compiler.ir.Graph graph, Storage[] storage, Storage[] scratch, Node n) {
        GeneratorAdapter ga = method(Opcodes.ACC_PRIVATE, new Method(name, "()V"));
        Map<String, Integer> dims = loadDims(ga, layout);
        List<TensorType> types = new ArrayList<>();
        List<Storage> storages = new ArrayList<>();
        for (int in : n.inputs()) {
            types.add(graph.type(in));
            storages.add(storage[in]);
        }
        KernelWriter w = new KernelWriter(ga, n, types, storages, storage[n.id()], scratch[n.id()], dims, code);
        w.loopInvariants(loopInvariantInputs(graph, n));
        if (n.op() instanceof ElementwiseOp e) {
            List<Buf> operands = new ArrayList<>();
            for (int i = 0; i < n.arity(); i++) {
                operands.add(w.in(i));
            }
            ElementwiseKernel.emit(w, e.body(), operands, w.out());
        } else if (n.op() instanceof KernelOp k) {
            k.emit(w);
        } else {
            throw new IllegalStateException("no code template for " + n.op().name());
        }
        ga.returnValue();
        ga.endMethod();
    }

    /** Loads every run-time dim into an int local, so kernels read sizes from locals. */
    static Map<String, Integer> loadDims(GeneratorAdapter ga, ModelLayout layout) {
        Map<String, Integer> locals = new LinkedHashMap<>();
        List<String> dims = layout.dims();
        for (int i = 0; i < dims.size(); i++) {
            int local = ga.newLocal(Type.INT_TYPE);
            ga.loadThis();
            ga.getField(CodeLayout.BASE, "dims", Type.getType(int[].class));
            ga.push(i);
            ga.arrayLoad(Type.INT_TYPE);
            ga.storeLocal(local);
            locals.put(dims.get(i), local);
        }
        return locals;
    }

    private void update(UpdateEmitter emitter) {
        GeneratorAdapter ga = method(Opcodes.ACC_PUBLIC, Method.getMethod("void update(double[])"));
        Map<String, Integer> dims = loadDims(ga, layout);
        emitter.emit(ga, dims, layout);
        ga.returnValue();
        ga.endMethod();
    }
}
