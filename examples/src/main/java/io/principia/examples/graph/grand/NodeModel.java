package io.principia.examples.graph.grand;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;

import io.principia.core.nn.Module;
import io.principia.core.tensor.Tensor;

/** A full-batch node classifier: logits [N, C] for every node of its one graph. */
interface NodeModel {
    Module module();

    /** Logits [N, C], recorded for backward when gradients are on. */
    Tensor logits();

    /**
     * Logits [N, C] at each of {@code times} (all > 0) of the model's diffusion, for the
     * test-time early-stopping protocol; null for a model without a time axis (GCN, GAT).
     */
    default List<INDArray> logitsOverTime(double[] times) {
        return null;
    }

    /** The diffusion time T, or NaN for a model without one. */
    default double time() {
        return Double.NaN;
    }
}
