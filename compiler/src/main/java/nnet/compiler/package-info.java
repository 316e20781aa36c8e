/** The nnet compiler: source to AST to graph to autodiff to passes to memory plan to bytecode to JAR. */
package nnet.compiler;
