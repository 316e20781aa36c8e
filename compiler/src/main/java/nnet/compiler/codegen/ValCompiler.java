package nnet.compiler.codegen;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import nnet.compiler.ir.BinaryFn;
import nnet.compiler.ir.CompareFn;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.UnaryFn;
import nnet.runtime.DType;
import nnet.runtime.kernels.MathFns;
import org.objectweb.asm.Label;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * Compiles scalar expressions to bytecode that leaves one f32 or f64 value on the stack. Functions the
 * JVM only has in double (exp, log, tanh...) are computed in double for f32 and rounded once.
 */
final class ValCompiler {
    private static final Type MATH = Type.getType(Math.class);
    private static final Type MATH_FNS = Type.getType(MathFns.class);

    private final GeneratorAdapter ga;
    private final KernelWriter w;

    ValCompiler(GeneratorAdapter ga, KernelWriter w) {
        this.ga = ga;
        this.w = w;
    }

    static Type type(DType t) {
        return switch (t) {
            case F32 -> Type.FLOAT_TYPE;
            case F64 -> Type.DOUBLE_TYPE;
            case I32 -> Type.INT_TYPE;
        };
    }

    void compile(Val v, DType t) {
        if (v instanceof Val.Load l) {
            load(l, t);
        } else if (v instanceof Val.Local l) {
            ga.loadLocal(l.var().slot());
            convert(l.var().dtype(), t);
        } else if (v instanceof Val.Const c) {
            pushConst(c.value(), t);
        } else if (v instanceof Val.OfInt i) {
            w.compileIx(i.value());
            ga.cast(Type.INT_TYPE, type(t));
        } else if (v instanceof Val.Apply a) {
            apply(a, t);
        } else if (v instanceof Val.Random r) {
            random(r, t);
        }
    }

    private void random(Val.Random r, DType t) {
        ga.loadLocal(r.keySlot());
        w.compileIx(r.index());
        String fn = t == DType.F32 ? "float uniformFloat(long, int)" : "double uniform(long, int)";
        ga.invokeStatic(CodeLayout.RANDOM, Method.getMethod(fn));
        convert(t == DType.F32 ? DType.F32 : DType.F64, t);
    }

    private void load(Val.Load l, DType t) {
        Buf b = l.buffer();
        if (b.storage() instanceof Storage.Inline inline) {
            compileScalar(inline.value(), t, List.of());
            return;
        }
        ga.loadLocal(b.arrayLocal());
        w.compileIx(b.base().plus(l.index()));
        ga.arrayLoad(type(b.dtype()));
        convert(b.dtype(), t);
    }

    private void convert(DType from, DType to) {
        if (from != to) {
            ga.cast(type(from), type(to));
        }
    }

    private void pushConst(double value, DType t) {
        switch (t) {
            case F32 -> ga.push((float) value);
            case F64 -> ga.push(value);
            case I32 -> ga.push((int) value);
        }
    }

    /** Arguments that are used more than once and cost more than a load are computed once into locals. */
    private void apply(Val.Apply a, DType t) {
        int[] uses = new int[a.args().size()];
        for (Scalar s : a.body().postOrder()) {
            for (Scalar c : s.children()) {
                if (c instanceof Scalar.Arg arg) {
                    uses[arg.index()]++;
                }
            }
        }
        if (a.body() instanceof Scalar.Arg root) {
            uses[root.index()]++;
        }
        List<Val> args = new ArrayList<>(a.args());
        for (int i = 0; i < args.size(); i++) {
            if (uses[i] > 1 && !(args.get(i) instanceof Val.Load || args.get(i) instanceof Val.Local
                    || args.get(i) instanceof Val.Const)) {
                Var tmp = w.newVar(t);
                compile(args.get(i), t);
                ga.storeLocal(tmp.slot());
                args.set(i, tmp.get());
            }
        }
        compileScalar(a.body(), t, args);
    }

    /** Compiles a body whose shared inner nodes are first computed into locals, in dependency order. */
    void compileScalar(Scalar body, DType t, List<Val> args) {
        Map<Scalar, Integer> parents = new IdentityHashMap<>();
        for (Scalar s : body.postOrder()) {
            for (Scalar child : s.children()) {
                parents.merge(child, 1, Integer::sum);
            }
        }
        Map<Scalar, Var> shared = new IdentityHashMap<>();
        for (Scalar s : body.postOrder()) {
            if (s != body && parents.getOrDefault(s, 0) > 1 && isComputed(s)) {
                emit(s, t, args, shared);
                Var v = w.newVar(t);
                ga.storeLocal(v.slot());
                shared.put(s, v);
            }
        }
        emit(body, t, args, shared);
    }

    private static boolean isComputed(Scalar s) {
        return s instanceof Scalar.Unary || s instanceof Scalar.Binary || s instanceof Scalar.Select;
    }

    private void emit(Scalar s, DType t, List<Val> args, Map<Scalar, Var> shared) {
        Var v = shared.get(s);
        if (v != null) {
            ga.loadLocal(v.slot());
            return;
        }
        if (s instanceof Scalar.Arg a) {
            compile(args.get(a.index()), t);
        } else if (s instanceof Scalar.Const c) {
            pushConst(c.value(), t);
        } else if (s instanceof Scalar.Size z) {
            w.compileIx(w.size(z.dim()));
            ga.cast(Type.INT_TYPE, type(t));
        } else if (s instanceof Scalar.Unary u) {
            emit(u.x(), t, args, shared);
            unary(u.fn(), t);
        } else if (s instanceof Scalar.Binary b) {
            emit(b.a(), t, args, shared);
            emit(b.b(), t, args, shared);
            binary(b.fn(), t);
        } else if (s instanceof Scalar.Select x) {
            select(x, t, args, shared);
        } else {
            throw new IllegalStateException(s.render() + " must be bound before code generation");
        }
    }

    private void select(Scalar.Select x, DType t, List<Val> args, Map<Scalar, Var> shared) {
        Label isTrue = new Label();
        Label end = new Label();
        emit(x.a(), t, args, shared);
        emit(x.b(), t, args, shared);
        ga.ifCmp(type(t), mode(x.cmp()), isTrue);
        emit(x.ifFalse(), t, args, shared);
        ga.goTo(end);
        ga.mark(isTrue);
        emit(x.ifTrue(), t, args, shared);
        ga.mark(end);
    }

    static int mode(CompareFn cmp) {
        return switch (cmp) {
            case LT -> GeneratorAdapter.LT;
            case LE -> GeneratorAdapter.LE;
            case GT -> GeneratorAdapter.GT;
            case GE -> GeneratorAdapter.GE;
            case EQ -> GeneratorAdapter.EQ;
            case NE -> GeneratorAdapter.NE;
        };
    }

    private void unary(UnaryFn fn, DType t) {
        Type jt = type(t);
        if (t == DType.I32 && fn != UnaryFn.NEG && fn != UnaryFn.ABS) {
            throw new IllegalStateException(fn.spelling() + " in an i32 kernel; its operands must be converted first");
        }
        switch (fn) {
            case NEG -> ga.math(GeneratorAdapter.NEG, jt);
            case ABS -> ga.invokeStatic(MATH, new Method("abs", jt, new Type[] {jt}));
            case SQRT -> viaDouble(t, MATH, "sqrt");
            case EXP -> viaDouble(t, MATH, "exp");
            case LOG -> viaDouble(t, MATH, "log");
            case TANH -> viaDouble(t, t == DType.F32 ? MATH_FNS : MATH, t == DType.F32 ? "tanhForFloat" : "tanh");
            case LOG1P -> viaDouble(t, MATH, "log1p");
            case EXPM1 -> viaDouble(t, MATH, "expm1");
            case ERF -> viaDouble(t, MATH_FNS, "erf");
            case SIN -> viaDouble(t, MATH, "sin");
            case COS -> viaDouble(t, MATH, "cos");
            case TAN -> viaDouble(t, MATH, "tan");
            case LOG2 -> viaDouble(t, MATH_FNS, "log2");
            case LOG10 -> viaDouble(t, MATH, "log10");
            case FLOOR -> viaDouble(t, MATH, "floor");
            case CEIL -> viaDouble(t, MATH, "ceil");
            case ROUND -> viaDouble(t, MATH, "rint");
        }
    }

    private void viaDouble(DType t, Type owner, String name) {
        if (t == DType.F32) {
            ga.cast(Type.FLOAT_TYPE, Type.DOUBLE_TYPE);
        }
        ga.invokeStatic(owner, new Method(name, Type.DOUBLE_TYPE, new Type[] {Type.DOUBLE_TYPE}));
        if (t == DType.F32) {
            ga.cast(Type.DOUBLE_TYPE, Type.FLOAT_TYPE);
        }
    }

    private void binary(BinaryFn fn, DType t) {
        Type jt = type(t);
        switch (fn) {
            case ADD -> ga.math(GeneratorAdapter.ADD, jt);
            case SUB -> ga.math(GeneratorAdapter.SUB, jt);
            case MUL -> ga.math(GeneratorAdapter.MUL, jt);
            case DIV -> ga.math(GeneratorAdapter.DIV, jt);
            case MAX -> ga.invokeStatic(MATH, new Method("max", jt, new Type[] {jt, jt}));
            case MIN -> ga.invokeStatic(MATH, new Method("min", jt, new Type[] {jt, jt}));
            case POW -> {
                if (t == DType.I32) {
                    throw new IllegalStateException("pow in an i32 kernel; its operands must be converted first");
                }
                pow(t);
            }
            case FLOOR_DIV -> floorDivision(t, false);
            case MOD -> floorDivision(t, true);
        }
    }

    /** a // b or a − floor(a/b)·b with the divisor's sign, as Python; ints through Math.floorDiv/floorMod. */
    private void floorDivision(DType t, boolean remainder) {
        Type jt = type(t);
        if (t == DType.I32) {
            ga.invokeStatic(MATH, new Method(remainder ? "floorMod" : "floorDiv", jt, new Type[] {jt, jt}));
            return;
        }
        int b = ga.newLocal(jt);
        int a = ga.newLocal(jt);
        ga.storeLocal(b);
        ga.storeLocal(a);
        if (remainder) {
            ga.loadLocal(a);
        }
        ga.loadLocal(a);
        ga.loadLocal(b);
        ga.math(GeneratorAdapter.DIV, jt);
        viaDouble(t, MATH, "floor");
        if (remainder) {
            ga.loadLocal(b);
            ga.math(GeneratorAdapter.MUL, jt);
            ga.math(GeneratorAdapter.SUB, jt);
        }
    }

    private void pow(DType t) {
        if (t == DType.F32) {
            // Both operands are floats on the stack; widen the top one, then the one below it.
            int b = ga.newLocal(Type.DOUBLE_TYPE);
            ga.cast(Type.FLOAT_TYPE, Type.DOUBLE_TYPE);
            ga.storeLocal(b);
            ga.cast(Type.FLOAT_TYPE, Type.DOUBLE_TYPE);
            ga.loadLocal(b);
        }
        ga.invokeStatic(MATH, new Method("pow", Type.DOUBLE_TYPE, new Type[] {Type.DOUBLE_TYPE, Type.DOUBLE_TYPE}));
        if (t == DType.F32) {
            ga.cast(Type.DOUBLE_TYPE, Type.FLOAT_TYPE);
        }
    }
}
