package nnet.compiler.codegen;

import java.util.LinkedHashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;

/**
 * The bytecode length of every method of a class file, read from its Code attributes. HotSpot compiles
 * no method longer than {@link #JIT_LIMIT} bytes (-XX:HugeMethodLimit, on by default), so a generated
 * kernel over it would run interpreted, tens of times slower, with no sign but the time.
 */
public final class MethodSizes {
    /** HotSpot's default HugeMethodLimit. */
    public static final int JIT_LIMIT = 8000;

    private MethodSizes() {
    }

    /** Method name and descriptor to its code length, in class-file order; abstract methods are absent. */
    public static Map<String, Integer> of(byte[] classFile) {
        ClassReader r = new ClassReader(classFile);
        char[] chars = new char[r.getMaxStringLength()];
        int at = r.header + 6;
        at += 2 + 2 * r.readUnsignedShort(at);
        at = skipMembers(r, at);
        Map<String, Integer> sizes = new LinkedHashMap<>();
        int methods = r.readUnsignedShort(at);
        at += 2;
        for (int i = 0; i < methods; i++) {
            String name = r.readUTF8(at + 2, chars) + r.readUTF8(at + 4, chars);
            int attributes = r.readUnsignedShort(at + 6);
            at += 8;
            for (int a = 0; a < attributes; a++) {
                if ("Code".equals(r.readUTF8(at, chars))) {
                    sizes.put(name, r.readInt(at + 10));
                }
                at += 6 + r.readInt(at + 2);
            }
        }
        return sizes;
    }

    /** The methods over the JIT's limit, as "name(descriptor) N bytes". */
    public static String overLimit(byte[] classFile) {
        StringBuilder sb = new StringBuilder();
        of(classFile).forEach((name, size) -> {
            if (size > JIT_LIMIT) {
                sb.append(sb.length() == 0 ? "" : ", ").append(name).append(' ').append(size).append(" bytes");
            }
        });
        return sb.toString();
    }

    private static int skipMembers(ClassReader r, int at) {
        int count = r.readUnsignedShort(at);
        at += 2;
        for (int i = 0; i < count; i++) {
            int attributes = r.readUnsignedShort(at + 6);
            at += 8;
            for (int a = 0; a < attributes; a++) {
                at += 6 + r.readInt(at + 2);
            }
        }
        return at;
    }
}
