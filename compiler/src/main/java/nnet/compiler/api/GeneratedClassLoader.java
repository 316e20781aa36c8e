package nnet.compiler.api;

/** Defines the generated class of a model in memory; its parent loader provides the runtime. */
final class GeneratedClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    GeneratedClassLoader() {
        super(GeneratedClassLoader.class.getClassLoader());
    }

    Class<?> define(String className, byte[] bytes) {
        return defineClass(className, bytes, 0, bytes.length);
    }
}
