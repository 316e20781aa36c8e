/** JMH benchmarks. */
package nnet.bench;
