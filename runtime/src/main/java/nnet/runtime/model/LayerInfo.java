package nnet.runtime.model;

import java.io.Serializable;

/**
 * A call in the source that declares parameters (a layer, as Keras would call it): the scope its
 * parameters are named in ({@code fc1}, {@code layers.0.attn}), the function called, its line, and the
 * type of what it returned, as text ({@code f32[batch, 128]}, or several for a tuple).
 */
public record LayerInfo(String scope, String function, int line, String output) implements Serializable {
}
