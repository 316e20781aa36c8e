package nnet.compiler.ir;

/**
 * An op that holds a graph of its own, run by the op (a loop's body). Printers show the body under the
 * node, and every pass also runs on the body ({@link nnet.compiler.passes.Pipeline}).
 */
public interface HasBody extends Op {

    Graph body();

    /** The same op around another body with the same interface (the same leaves and roots). */
    HasBody withBody(Graph body);
}
