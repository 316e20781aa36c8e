package nnet.compiler.passes;

import nnet.compiler.ir.Graph;

/** A function from graph to graph. Passes are pure: they return a new graph and never touch their input. */
public interface Pass {

    /** The name used by {@code --dump-ir} and in golden files. */
    String name();

    Graph run(Graph g);
}
