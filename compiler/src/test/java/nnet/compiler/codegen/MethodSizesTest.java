package nnet.compiler.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class MethodSizesTest {
    /** A class with one method of {@code nops} NOPs and a return, plus a field, to skip. */
    private static byte[] classWith(int nops) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "T", null, "java/lang/Object", new String[] {"java/lang/Runnable"});
        cw.visitField(Opcodes.ACC_PRIVATE, "f", "I", null, null).visitEnd();
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "big", "(I)V", null, null);
        mv.visitCode();
        for (int i = 0; i < nops; i++) {
            mv.visitInsn(Opcodes.NOP);
        }
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, "run", "()V", null, null).visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    @Test
    void readsTheCodeLengthOfEveryMethod() {
        assertThat(MethodSizes.of(classWith(41))).isEqualTo(Map.of("big(I)V", 42));
        assertThat(MethodSizes.overLimit(classWith(7999))).isEmpty();
        assertThat(MethodSizes.overLimit(classWith(8000))).isEqualTo("big(I)V 8001 bytes");
    }

    @Test
    void agreesWithAClassOfTheJdk() throws IOException {
        try (InputStream in = Object.class.getResourceAsStream("/java/lang/Object.class")) {
            Map<String, Integer> sizes = MethodSizes.of(in.readAllBytes());
            assertThat(sizes).containsKeys("toString()Ljava/lang/String;", "wait(JI)V").doesNotContainKey("hashCode()I");
            assertThat(sizes.values()).allMatch(n -> n > 0 && n < 1000);
        }
    }
}
