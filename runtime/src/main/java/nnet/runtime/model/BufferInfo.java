package nnet.runtime.model;

import java.io.Serializable;
import nnet.runtime.DType;

/** An arena temporary of a program: dtype, size, and the first and last kernel steps it is live. */
public record BufferInfo(DType dtype, Size size, int first, int last) implements Serializable {
}
