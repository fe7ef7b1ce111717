package io.principia.core.optim;

import io.principia.core.tensor.Tensor;

import java.util.Map;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter), as {@code torch.optim.AdamW}:
 * p ← p·(1 − lr·λ), then the {@link Adam} step with no L2 term. PyTorch's default λ = 0.01.
 */
public class AdamW extends Adam {
    /** PyTorch defaults: β = (0.9, 0.999), ε = 1e-8, λ = 0.01. */
    public AdamW(Map<String, Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0.01, false);
    }

    public AdamW(Map<String, Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        super(params, lr, beta1, beta2, eps, weightDecay, amsgrad, true);
    }
}
