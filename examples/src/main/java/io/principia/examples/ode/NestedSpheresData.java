package io.principia.examples.ode;

import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Nested spheres (Dupont, Doucet &amp; Teh, <i>Augmented Neural ODEs</i>, NeurIPS 2019), in the
 * NesterovNODE repository's setting (spec §3.3, point cloud): in d dimensions, {@code inner} points
 * at radius r ∈ [0, 0.5] labelled −1 and {@code outer} points at r ∈ [0.85, 1] labelled +1. A
 * point's radius is lo + (hi − lo)·u^{1/d} for u ~ U(0, 1) and its direction a normalized Gaussian
 * vector (uniform in the ball when lo = 0). A NODE cannot separate them by a homeomorphism of the
 * plane, which is why the augmented and second-order models are compared on it.
 */
public final class NestedSpheresData {
    /** Points [N, d] (inner first, then outer) and labels [N, 1]. */
    public record Points(Tensor x, Tensor y) {
        public int size() { return (int) x.size(0); }
    }

    private NestedSpheresData() {}

    public static Points generate(int dim, int inner, int outer, double innerMax, double outerMin, double outerMax, long seed) {
        if (dim < 1 || inner < 1 || outer < 1) {
            throw new IllegalArgumentException("need dim, inner and outer >= 1, got " + dim + ", " + inner + ", " + outer);
        }
        if (!(innerMax > 0 && innerMax < outerMin && outerMin <= outerMax)) {
            throw new IllegalArgumentException("radii must satisfy 0 < innerMax < outerMin <= outerMax, got " + innerMax + ", "
                    + outerMin + ", " + outerMax);
        }
        Rng rng = new Rng(seed);
        int n = inner + outer;
        double[] x = new double[n * dim], y = new double[n];
        for (int i = 0; i < n; i++) {
            boolean in = i < inner;
            double lo = in ? 0 : outerMin, hi = in ? innerMax : outerMax;
            double r = lo + (hi - lo) * Math.pow(rng.nextDouble(), 1.0 / dim);
            double[] dir = new double[dim];
            double norm = 0;
            while (norm == 0) {
                norm = 0;
                for (int k = 0; k < dim; k++) {
                    dir[k] = rng.nextGaussian();
                    norm += dir[k] * dir[k];
                }
            }
            norm = Math.sqrt(norm);
            for (int k = 0; k < dim; k++) {
                x[i * dim + k] = r * dir[k] / norm;
            }
            y[i] = in ? -1 : 1;
        }
        return new Points(Tensor.of(Nd4j.create(x, new long[] {n, dim}, 'c').castTo(DataType.DOUBLE)),
                Tensor.of(Nd4j.create(y, new long[] {n, 1}, 'c').castTo(DataType.DOUBLE)));
    }

    /** The NesterovNODE repository's set: 2-D, 40 inner (r ≤ 0.5) and 80 outer (0.85 ≤ r ≤ 1) points. */
    public static Points standard(long seed) {
        return generate(2, 40, 80, 0.5, 0.85, 1.0, seed);
    }
}
