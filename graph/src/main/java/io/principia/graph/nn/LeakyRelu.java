package io.principia.graph.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

import io.principia.core.tensor.Tensor;

/** LeakyReLU(x) = x for x > 0, slope · x otherwise (Maas et al. 2013); backward 1 or slope. */
public final class LeakyRelu {
    private LeakyRelu() {}

    public static Tensor apply(Tensor x, double slope) {
        INDArray scale = x.data().dup();
        BooleanIndexing.replaceWhere(scale, 1.0, Conditions.greaterThan(0));
        BooleanIndexing.replaceWhere(scale, slope, Conditions.lessThanOrEqual(0)); // ones stay, the rest become slope
        INDArray y = x.data().mul(scale);
        return Tensor.result("leaky_relu", y, g -> x.accumulateGrad(g.mul(scale)), x);
    }
}
