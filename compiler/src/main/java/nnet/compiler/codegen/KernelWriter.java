package nnet.compiler.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import nnet.compiler.ir.CompareFn;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Node;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.TensorType;
import nnet.runtime.DType;
import org.objectweb.asm.Label;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * The API kernel templates are written against: typed operands, int and scalar expressions, counted
 * loops and stores, compiled straight to the bytecode of one kernel method. Every operand's array and
 * base offset, and every run-time dim, is loaded into a local once in the method's prologue, so loops
 * only touch locals.
 */
public final class KernelWriter {
    private static final Type OBJECT_ARRAY = Type.getType(Object[].class);

    private final GeneratorAdapter ga;
    private final Node node;
    private final DType dtype;
    private final List<Buf> inputs = new ArrayList<>();
    private final List<Buf> outputs = new ArrayList<>();
    private Buf scratch;
    private final Map<String, Integer> dimLocals;
    private final ValCompiler values;
    private final CodeLayout layout;
    private java.util.Set<Integer> loopInvariants = java.util.Set.of();

    KernelWriter(GeneratorAdapter ga, Node node, List<TensorType> inputTypes, List<Storage> inputStorage,
                 Storage outputStorage, Storage scratchStorage, Map<String, Integer> dimLocals, CodeLayout layout) {
        this.ga = ga;
        this.node = node;
        this.dtype = node.result(0).dtype();
        this.dimLocals = dimLocals;
        this.values = new ValCompiler(ga, this);
        this.layout = layout;
        for (int i = 0; i < inputTypes.size(); i++) {
            inputs.add(bind(inputStorage.get(i), inputTypes.get(i), layout));
        }
        List<Storage> parts = outputStorage instanceof Storage.Tuple t ? t.results() : List.of(outputStorage);
        for (int k = 0; k < parts.size(); k++) {
            outputs.add(bind(parts.get(k), node.result(k), layout));
        }
        if (scratchStorage != null) {
            scratch = bind(scratchStorage, new TensorType(dtype, nnet.compiler.ir.Shape.of(0)), layout);
        }
    }

    /**
     * A writer for code that is not a graph kernel (the optimizer update): no operands; arrays are bound
     * explicitly with {@link #bindArray}. Scalar expressions are computed in {@code dtype}.
     */
    public KernelWriter(GeneratorAdapter ga, DType dtype, Map<String, Integer> dimLocals) {
        this.ga = ga;
        this.node = null;
        this.dtype = dtype;
        this.dimLocals = dimLocals;
        this.values = new ValCompiler(ga, this);
        this.layout = null;
    }

    /**
     * Binds an array field of the model code (e.g. "pf"), or element {@code index} of an array-of-arrays
     * field (e.g. optimizer slot "sf"[1]) when index ≥ 0, as an operand of the given dtype and size.
     */
    public Buf bindArray(String field, int index, TensorType type) {
        Type arrayType = Type.getType("[" + ValCompiler.type(type.dtype()).getDescriptor());
        int local = ga.newLocal(arrayType);
        ga.loadThis();
        if (index < 0) {
            ga.getField(CodeLayout.BASE, field, arrayType);
        } else {
            ga.getField(CodeLayout.BASE, field, Type.getType("[" + arrayType.getDescriptor()));
            ga.push(index);
            ga.arrayLoad(arrayType);
        }
        ga.storeLocal(local);
        return new Buf(new Storage.Io(type.dtype(), -1), type, local, Ix.c(0));
    }

    /** Binds a method argument that is an array (0 is the first argument after {@code this}). */
    public Buf bindArgument(int argument, TensorType type) {
        Type arrayType = Type.getType("[" + ValCompiler.type(type.dtype()).getDescriptor());
        int local = ga.newLocal(arrayType);
        ga.loadArg(argument);
        ga.storeLocal(local);
        return new Buf(new Storage.Io(type.dtype(), -1), type, local, Ix.c(0));
    }

    /** Loads an operand's array and base offset into locals (nothing for inline scalars). */
    private Buf bind(Storage s, TensorType type, CodeLayout layout) {
        if (s instanceof Storage.Inline) {
            return new Buf(s, type, -1, Ix.c(0));
        }
        if (s instanceof Storage.Slice slice) {
            return bindSlice(slice, type, layout);
        }
        if (s instanceof Storage.Carry carry) {
            return bindCarry(carry, type, layout);
        }
        Type arrayType = Type.getType("[" + ValCompiler.type(s.dtype()).getDescriptor());
        Ix base = Ix.c(0);
        if (s instanceof Storage.Arena a) {
            int offset = ga.newLocal(Type.INT_TYPE);
            ga.loadThis();
            ga.getField(CodeLayout.BASE, "offsets", Type.getType(int[][].class));
            ga.push(a.program());
            ga.arrayLoad(Type.getType(int[].class));
            ga.push(a.buffer());
            ga.arrayLoad(Type.INT_TYPE);
            ga.storeLocal(offset);
            base = new Ix.Local(offset);
        }
        int array = ga.newLocal(arrayType);
        ga.loadThis();
        if (s instanceof Storage.Param p) {
            ga.getField(CodeLayout.BASE, layout.paramField(p.dtype()), arrayType);
            base = Ix.c(p.offset());
        } else if (s instanceof Storage.State st) {
            ga.getField(CodeLayout.BASE, layout.stateField(st.dtype()), arrayType);
            base = Ix.c(st.offset());
        } else if (s instanceof Storage.Grad g) {
            ga.getField(CodeLayout.BASE, layout.gradField(g.dtype()), arrayType);
            base = Ix.c(g.offset());
        } else if (s instanceof Storage.Io io) {
            ga.getField(CodeLayout.BASE, "io", OBJECT_ARRAY);
            ga.push(io.slot());
            ga.arrayLoad(Type.getType(Object.class));
            ga.checkCast(arrayType);
        } else {
            ga.getField(CodeLayout.BASE, layout.arenaField(s.dtype()), arrayType);
        }
        ga.storeLocal(array);
        return new Buf(s, type, array, base);
    }

    /** The current step's slice: the whole's base plus loopStep times the slice's size. */
    private Buf bindSlice(Storage.Slice slice, TensorType type, CodeLayout layout) {
        Buf whole = bind(slice.whole(), type, layout);
        if (whole.isInline()) {
            return whole;
        }
        Ix step = loopField("loopStep");
        return new Buf(slice, type, whole.arrayLocal(), let(whole.base().plus(step.times(size(slice.elements())))));
    }

    /**
     * A carry's buffer for this step: {@code last} when (steps − loopCount − next) is even, else
     * {@code other}, chosen at run time into one array local and one offset local.
     */
    private Buf bindCarry(Storage.Carry carry, TensorType type, CodeLayout layout) {
        Type arrayType = Type.getType("[" + ValCompiler.type(carry.dtype()).getDescriptor());
        int array = ga.newLocal(arrayType);
        int offset = ga.newLocal(Type.INT_TYPE);
        Ix count = loopField("loopCount");
        compileIx(size(carry.steps()).minus(count).minus(Ix.c(carry.next() ? 1 : 0)));
        ga.push(1);
        ga.math(GeneratorAdapter.AND, Type.INT_TYPE);
        Label other = new Label();
        Label done = new Label();
        ga.ifZCmp(GeneratorAdapter.NE, other);
        moveInto(bind(carry.last(), type, layout), array, offset);
        ga.goTo(done);
        ga.mark(other);
        moveInto(bind(carry.other(), type, layout), array, offset);
        ga.mark(done);
        return new Buf(carry, type, array, new Ix.Local(offset));
    }

    private void moveInto(Buf b, int array, int offset) {
        ga.loadLocal(b.arrayLocal());
        ga.storeLocal(array);
        compileIx(b.base());
        ga.storeLocal(offset);
    }

    /** An int field of the model code (the loop's step or count), read once into a local. */
    private Ix loopField(String field) {
        int local = ga.newLocal(Type.INT_TYPE);
        ga.loadThis();
        ga.getField(CodeLayout.BASE, field, Type.INT_TYPE);
        ga.storeLocal(local);
        return new Ix.Local(local);
    }

    // ---- context

    public Node node() {
        return node;
    }

    /** The (first) output's dtype, in which scalar expressions are computed. */
    public DType dtype() {
        return dtype;
    }

    public Buf in(int i) {
        return inputs.get(i);
    }

    /** The output of a single-result kernel. */
    public Buf out() {
        return outputs.get(0);
    }

    /** The kernel's scratch memory (see {@link nnet.compiler.ops.KernelOp#scratchElements}), or null. */
    public Buf scratch() {
        return scratch;
    }

    /** Result {@code k} of a kernel with several results. */
    public Buf out(int k) {
        return outputs.get(k);
    }

    public int arity() {
        return inputs.size();
    }

    // ---- int expressions

    public Ix size(Dim d) {
        if (d.isStatic()) {
            return Ix.c(d.value());
        }
        Ix result = Ix.c(d.factor());
        for (String s : d.symbols()) {
            result = result.times(new Ix.Local(dimLocals.get(s)));
        }
        return result;
    }

    public Ix numel(Shape s) {
        return size(s.numel());
    }

    /** The product of dims [from, to) of a shape. */
    public Ix product(Shape s, int from, int to) {
        return size(s.product(from, to));
    }

    /** Computes an int expression once into a new local. */
    public Ix let(Ix value) {
        if (value instanceof Ix.Const || value instanceof Ix.Local) {
            return value;
        }
        int slot = ga.newLocal(Type.INT_TYPE);
        compileIx(value);
        ga.storeLocal(slot);
        return new Ix.Local(slot);
    }

    /** A mutable int local. */
    public Ix.Local intVar(Ix init) {
        int slot = ga.newLocal(Type.INT_TYPE);
        compileIx(init);
        ga.storeLocal(slot);
        return new Ix.Local(slot);
    }

    public void set(Ix.Local v, Ix value) {
        compileIx(value);
        ga.storeLocal(v.slot());
    }

    void compileIx(Ix ix) {
        if (ix instanceof Ix.Const c) {
            ga.push(c.value());
        } else if (ix instanceof Ix.Local l) {
            ga.loadLocal(l.slot());
        } else if (ix instanceof Ix.Add a) {
            compileIx(a.a());
            compileIx(a.b());
            ga.math(GeneratorAdapter.ADD, Type.INT_TYPE);
        } else if (ix instanceof Ix.Sub s) {
            compileIx(s.a());
            compileIx(s.b());
            ga.math(GeneratorAdapter.SUB, Type.INT_TYPE);
        } else if (ix instanceof Ix.Mul m) {
            compileIx(m.a());
            compileIx(m.b());
            ga.math(GeneratorAdapter.MUL, Type.INT_TYPE);
        }
    }

    /**
     * A long local holding the key of a random stream for this run: derived from the model's seed, the
     * optimizer step and the stream (see {@link nnet.runtime.kernels.RandomStream}).
     */
    public int randomKey(int stream) {
        Type state = Type.getType(nnet.runtime.ModelState.class);
        int slot = ga.newLocal(Type.LONG_TYPE);
        ga.loadThis();
        ga.getField(CodeLayout.BASE, "state", state);
        ga.getField(state, "seed", Type.LONG_TYPE);
        ga.loadThis();
        ga.getField(CodeLayout.BASE, "state", state);
        ga.getField(state, "step", Type.LONG_TYPE);
        ga.push(stream);
        ga.invokeStatic(CodeLayout.RANDOM, Method.getMethod("long key(long, long, int)"));
        ga.storeLocal(slot);
        return slot;
    }

    // ---- control flow

    /** {@code for (int i = from; i < to; i++) body(i)}, in the shape HotSpot recognises as a counted loop. */
    public void loop(Ix from, Ix to, Consumer<Ix> body) {
        Ix end = let(to);
        int i = ga.newLocal(Type.INT_TYPE);
        compileIx(from);
        ga.storeLocal(i);
        Label test = new Label();
        Label top = new Label();
        ga.goTo(test);
        ga.mark(top);
        body.accept(new Ix.Local(i));
        ga.iinc(i, 1);
        ga.mark(test);
        ga.loadLocal(i);
        compileIx(end);
        ga.ifICmp(GeneratorAdapter.LT, top);
    }

    /**
     * {@code while (a cmp b) body}, comparing in {@code in}: the operands are evaluated again before
     * every iteration (they read locals the body sets), and a NaN operand ends the loop (except for NE).
     */
    public void whileLoop(CompareFn cmp, Val a, Val b, DType in, Runnable body) {
        Label test = new Label();
        Label top = new Label();
        ga.goTo(test);
        ga.mark(top);
        body.run();
        ga.mark(test);
        values.compile(a, in);
        values.compile(b, in);
        ga.ifCmp(ValCompiler.type(in), ValCompiler.mode(cmp), top);
    }

    /** Runs {@code then} when {@code a cmp b} holds (never for NaN operands, except NE). */
    public void when(CompareFn cmp, Val a, Val b, Runnable then) {
        when(cmp, a, b, dtype, then);
    }

    /**
     * Runs {@code then} when {@code a cmp b} holds, comparing in {@code in} (a kernel whose result is
     * i32, such as argmax, compares floating operands).
     */
    public void when(CompareFn cmp, Val a, Val b, DType in, Runnable then) {
        // Branching on the positive test keeps IEEE semantics: a NaN comparison is false and skips.
        Label doIt = new Label();
        Label skip = new Label();
        values.compile(a, in);
        values.compile(b, in);
        ga.ifCmp(ValCompiler.type(in), ValCompiler.mode(cmp), doIt);
        ga.goTo(skip);
        ga.mark(doIt);
        then.run();
        ga.mark(skip);
    }

    /** Runs {@code then} unless {@code a cmp b} holds, comparing in {@code in}: so also for NaN operands. */
    public void unless(CompareFn cmp, Val a, Val b, DType in, Runnable then) {
        Label skip = new Label();
        values.compile(a, in);
        values.compile(b, in);
        ga.ifCmp(ValCompiler.type(in), ValCompiler.mode(cmp), skip);
        then.run();
        ga.mark(skip);
    }

    /** Runs {@code then} when the int comparison holds. */
    public void whenInt(CompareFn cmp, Ix a, Ix b, Runnable then) {
        whenInt(cmp, a, b, then, () -> { });
    }

    /** Runs {@code then} when the int comparison holds, else {@code otherwise}. */
    public void whenInt(CompareFn cmp, Ix a, Ix b, Runnable then, Runnable otherwise) {
        Label doIt = new Label();
        Label end = new Label();
        compileIx(a);
        compileIx(b);
        ga.ifICmp(ValCompiler.mode(cmp), doIt);
        otherwise.run();
        ga.goTo(end);
        ga.mark(doIt);
        then.run();
        ga.mark(end);
    }

    /**
     * Throws {@link nnet.runtime.ClassIndexOutOfRange} unless {@code 0 <= v < classes}; {@code row} is the
     * example's row in the batch.
     */
    public void checkClassIndex(Ix v, Ix classes, Ix row) {
        unlessInRange(v, classes, nnet.runtime.ClassIndexOutOfRange.class, "void <init>(int, int, int)", () -> {
            compileIx(row);
            compileIx(v);
            compileIx(classes);
        });
    }

    /**
     * Throws {@link nnet.runtime.IndexOutOfRange} naming {@code op} unless {@code 0 <= v < size}. {@code v}
     * is reported as {@code shown} (the index as written, which may count from the end; null: v itself),
     * and {@code element} is its position in its index tensor (-1: written in the source).
     */
    public void checkIndex(String op, Ix v, Ix size, Ix shown, Ix element) {
        unlessInRange(v, size, nnet.runtime.IndexOutOfRange.class, "void <init>(String, int, int, int)", () -> {
            ga.push(op);
            compileIx(shown == null ? v : shown);
            compileIx(size);
            compileIx(element);
        });
    }

    /** Unless 0 ≤ v < size, throws a new {@code error} built by {@code constructor} from what {@code args} pushes. */
    private void unlessInRange(Ix v, Ix size, Class<?> error, String constructor, Runnable args) {
        Label fail = new Label();
        Label ok = new Label();
        compileIx(v);
        ga.ifZCmp(GeneratorAdapter.LT, fail);
        compileIx(v);
        compileIx(size);
        ga.ifICmp(GeneratorAdapter.LT, ok);
        ga.mark(fail);
        Type type = Type.getType(error);
        ga.newInstance(type);
        ga.dup();
        args.run();
        ga.invokeConstructor(type, Method.getMethod(constructor));
        ga.throwException();
        ga.mark(ok);
    }

    // ---- scalar values

    public Var newVar(DType t) {
        return new Var(ga.newLocal(ValCompiler.type(t)), t);
    }

    public Var var(Val init) {
        Var v = newVar(dtype);
        set(v, init);
        return v;
    }

    public void set(Var v, Val value) {
        values.compile(value, v.dtype());
        ga.storeLocal(v.slot());
    }

    public Val load(Buf b, Ix index) {
        return new Val.Load(b, index);
    }

    /** An int element (class indices) as an int expression, computed into a local now. */
    public Ix loadInt(Buf b, Ix index) {
        if (b.dtype() != DType.I32) {
            throw new IllegalArgumentException("not an i32 operand");
        }
        int slot = ga.newLocal(Type.INT_TYPE);
        ga.loadLocal(b.arrayLocal());
        compileIx(b.base().plus(index));
        ga.arrayLoad(Type.INT_TYPE);
        ga.storeLocal(slot);
        return new Ix.Local(slot);
    }

    public void store(Buf b, Ix index, Val value) {
        ga.loadLocal(b.arrayLocal());
        compileIx(b.base().plus(index));
        values.compile(value, b.dtype());
        ga.arrayStore(ValCompiler.type(b.dtype()));
    }

    // ---- runtime kernels

    /** Starts a call of static method {@code name} of a runtime class; add arguments, then invoke. */
    public RuntimeCall call(Class<?> owner, String name) {
        return new RuntimeCall(ga, this, Type.getType(owner), name);
    }

    /** Marks the operands (by input index) that are a loop body's invariants: the same at every step. */
    public void loopInvariants(java.util.Set<Integer> inputIndices) {
        loopInvariants = java.util.Set.copyOf(inputIndices);
    }

    /** Whether operand {@code i} is the same at every step of the loop this kernel is in. */
    public boolean isLoopInvariant(int i) {
        return loopInvariants.contains(i);
    }

    /**
     * Like {@link #gemm}, for a B that is the same at every step of the enclosing loop: the runtime packs it
     * at the loop's first step into a cache of this kernel's and reuses the packing for the other steps.
     */
    public void gemmSameB(boolean transA, boolean transB, Ix m, Ix n, Ix k, Buf a, Ix aOff, Ix lda, Buf b, Ix bOff,
                          Ix ldb, Buf c, Ix cOff, Ix ldc, boolean accumulate) {
        pushGemmOperands(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        boolean f32 = c.dtype() == DType.F32;
        Type cache = Type.getType(f32 ? nnet.runtime.kernels.FloatPackedB.class : nnet.runtime.kernels.DoublePackedB.class);
        ga.loadThis();
        ga.push(layout.nextPackedSlot());
        ga.invokeVirtual(CodeLayout.BASE, new Method(f32 ? "packedFloat" : "packedDouble", cache,
                new Type[] {Type.INT_TYPE}));
        ga.loadThis();
        ga.getField(CodeLayout.BASE, "loopCount", Type.INT_TYPE);
        org.objectweb.asm.Label later = ga.newLabel();
        org.objectweb.asm.Label done = ga.newLabel();
        ga.ifZCmp(GeneratorAdapter.NE, later);
        ga.push(true);
        ga.goTo(done);
        ga.mark(later);
        ga.push(false);
        ga.mark(done);
        Type i = Type.INT_TYPE;
        Type z = Type.BOOLEAN_TYPE;
        Type arr = Type.getType("[" + ValCompiler.type(c.dtype()).getDescriptor());
        ga.invokeStatic(CodeLayout.GEMM, new Method(f32 ? "sgemmSameB" : "dgemmSameB", Type.VOID_TYPE,
                new Type[] {z, z, i, i, i, arr, i, i, arr, i, i, arr, i, i, z, cache, z}));
    }

    /** Calls the runtime's gemm on operands (offsets relative to each operand's base). */
    public void gemm(boolean transA, boolean transB, Ix m, Ix n, Ix k, Buf a, Ix aOff, Ix lda, Buf b, Ix bOff,
                     Ix ldb, Buf c, Ix cOff, Ix ldc, boolean accumulate) {
        pushGemmOperands(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        Type arr = Type.getType("[" + ValCompiler.type(c.dtype()).getDescriptor());
        Type i = Type.INT_TYPE;
        Type z = Type.BOOLEAN_TYPE;
        String name = c.dtype() == DType.F32 ? "sgemm" : "dgemm";
        ga.invokeStatic(CodeLayout.GEMM, new Method(name, Type.VOID_TYPE,
                new Type[] {z, z, i, i, i, arr, i, i, arr, i, i, arr, i, i, z}));
    }

    private void pushGemmOperands(boolean transA, boolean transB, Ix m, Ix n, Ix k, Buf a, Ix aOff, Ix lda, Buf b,
                                  Ix bOff, Ix ldb, Buf c, Ix cOff, Ix ldc, boolean accumulate) {
        ga.push(transA);
        ga.push(transB);
        compileIx(m);
        compileIx(n);
        compileIx(k);
        ga.loadLocal(a.arrayLocal());
        compileIx(a.base().plus(aOff));
        compileIx(lda);
        ga.loadLocal(b.arrayLocal());
        compileIx(b.base().plus(bOff));
        compileIx(ldb);
        ga.loadLocal(c.arrayLocal());
        compileIx(c.base().plus(cOff));
        compileIx(ldc);
        ga.push(accumulate);
    }
}
