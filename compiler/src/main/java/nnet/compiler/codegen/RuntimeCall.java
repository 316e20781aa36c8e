package nnet.compiler.codegen;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * A call of a static runtime kernel (convolution, pooling...) from a kernel method: arguments are
 * pushed as they are added and the descriptor is built from them, so a template lists the arguments
 * once, in the kernel's order.
 */
public final class RuntimeCall {
    private final GeneratorAdapter ga;
    private final KernelWriter w;
    private final Type owner;
    private final String name;
    private final List<Type> types = new ArrayList<>();

    RuntimeCall(GeneratorAdapter ga, KernelWriter w, Type owner, String name) {
        this.ga = ga;
        this.w = w;
        this.owner = owner;
        this.name = name;
    }

    public RuntimeCall ints(Ix... values) {
        for (Ix v : values) {
            w.compileIx(v);
            types.add(Type.INT_TYPE);
        }
        return this;
    }

    public RuntimeCall ints(int... values) {
        for (int v : values) {
            ga.push(v);
            types.add(Type.INT_TYPE);
        }
        return this;
    }

    /** A number passed as the element type {@code dtype} (float or double), as kernels take their scalars. */
    public RuntimeCall real(double value, nnet.runtime.DType dtype) {
        if (dtype == nnet.runtime.DType.F32) {
            ga.push((float) value);
            types.add(Type.FLOAT_TYPE);
        } else {
            ga.push(value);
            types.add(Type.DOUBLE_TYPE);
        }
        return this;
    }

    public RuntimeCall bool(boolean value) {
        ga.push(value);
        types.add(Type.BOOLEAN_TYPE);
        return this;
    }

    /** An operand as (array, offset of its first element). */
    public RuntimeCall array(Buf b) {
        Type array = Type.getType("[" + ValCompiler.type(b.dtype()).getDescriptor());
        ga.loadLocal(b.arrayLocal());
        w.compileIx(b.base());
        types.add(array);
        types.add(Type.INT_TYPE);
        return this;
    }

    /** An absent optional operand of the given element type, as (null, 0). */
    public RuntimeCall noArray(nnet.runtime.DType dtype) {
        ga.push((String) null);
        ga.checkCast(Type.getType("[" + ValCompiler.type(dtype).getDescriptor()));
        ga.push(0);
        types.add(Type.getType("[" + ValCompiler.type(dtype).getDescriptor()));
        types.add(Type.INT_TYPE);
        return this;
    }

    public void invoke() {
        ga.invokeStatic(owner, new Method(name, Type.VOID_TYPE, types.toArray(new Type[0])));
    }
}
