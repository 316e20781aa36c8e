/**
 * Offsets of temporary buffers inside one arena per dtype. The compiler records, for every buffer, its size and
 * the kernel steps during which it is live; {@link nnet.runtime.memory.ArenaPlanner} turns those into offsets once
 * the run-time dimensions are known.
 */
package nnet.runtime.memory;
