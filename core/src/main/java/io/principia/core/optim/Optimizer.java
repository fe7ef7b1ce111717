package io.principia.core.optim;

import io.principia.core.tensor.Tensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Updates named parameters in place from their accumulated gradients. State (moments, step
 * counts) is kept per parameter name so that {@link #stateDict()} can be checkpointed and restored
 * into a fresh optimizer over the same model.
 */
public abstract class Optimizer {
    protected final Map<String, Tensor> params;
    protected double lr;

    protected Optimizer(Map<String, Tensor> params, double lr) {
        String owner = getClass().getSimpleName();
        if (params == null || params.isEmpty()) {
            throw new IllegalArgumentException(owner + ": optimizer got no parameters");
        }
        params.forEach((name, p) -> {
            if (p == null) {
                throw new IllegalArgumentException(owner + ": parameter '" + name + "' is null");
            }
            if (!p.dtype().isFPType()) {
                throw new IllegalArgumentException(owner + ": parameter '" + name + "' is " + p.dtype()
                        + "; only floating-point tensors can be optimized");
            }
        });
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be a finite number >= 0, got " + lr);
        }
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        this.lr = lr;
    }

    /** Applies one update to every parameter that has a gradient. */
    public abstract void step();

    public void zeroGrad() {
        for (Tensor p : params.values()) {
            p.zeroGrad();
        }
    }

    public double lr() { return lr; }

    public void setLr(double lr) { this.lr = lr; }

    public Map<String, Tensor> params() { return params; }

    /** State arrays by key ({@code "<param>.<slot>"}, scalars as rank-0 arrays), copied. */
    public abstract Map<String, INDArray> stateDict();

    /** Restores what {@link #stateDict()} returned; errors name any key that does not fit. */
    public abstract void loadStateDict(Map<String, INDArray> state);
}
