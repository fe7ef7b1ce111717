package io.principia.core.nn;

import io.principia.core.tensor.Tensor;

/** A module with one input and one output; what {@link Sequential} chains. */
public abstract class Layer extends Module {
    public abstract Tensor forward(Tensor x);
}
