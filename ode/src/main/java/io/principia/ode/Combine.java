package io.principia.ode;

import io.principia.core.tensor.Tensor;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One fused op for the linear combinations every Runge-Kutta method is made of:
 * {@code y = Σ_i c_i x_i} over tensors of one shape (a stage input y0 + h Σ a_ij k_j, a step's
 * solution, an interpolant). One graph node instead of 2n, with the backward under the forward:
 * each x_i receives c_i · g.
 */
public final class Combine {
    private Combine() {}

    /** Σ c_i x_i; terms with c_i = 0 are skipped (the result still has the first term's shape). */
    public static Tensor of(double[] c, Tensor... x) {
        if (c.length != x.length || x.length == 0) {
            throw new IllegalArgumentException("combine: " + c.length + " coefficients for " + x.length + " tensors");
        }
        INDArray y = null;
        for (int i = 0; i < x.length; i++) {
            if (!Arrays.equals(x[i].shape(), x[0].shape())) {
                throw new IllegalArgumentException("combine: tensor " + i + " has shape " + Arrays.toString(x[i].shape())
                        + ", tensor 0 has " + Arrays.toString(x[0].shape()));
            }
            if (c[i] == 0) {
                continue;
            }
            if (y == null) {
                y = c[i] == 1 ? x[i].data().dup() : x[i].data().mul(c[i]);
            } else if (c[i] == 1) {
                y.addi(x[i].data());
            } else {
                y.addi(x[i].data().mul(c[i]));
            }
        }
        if (y == null) {
            y = x[0].data().mul(0);
        }
        double[] coeffs = c.clone();
        return Tensor.result("combine", y, g -> {
            for (int i = 0; i < x.length; i++) {
                if (coeffs[i] != 0 && x[i].requiresGrad()) {
                    x[i].accumulateGrad(coeffs[i] == 1 ? g : g.mul(coeffs[i]));
                }
            }
        }, x);
    }

    /** y + h Σ a_j k_j: a stage input, with the weights scaled by the step. */
    public static Tensor step(Tensor y, double h, double[] a, Tensor[] k, int stages) {
        double[] c = new double[stages + 1];
        Tensor[] x = new Tensor[stages + 1];
        c[0] = 1;
        x[0] = y;
        for (int j = 0; j < stages; j++) {
            c[j + 1] = h * (j < a.length ? a[j] : 0);
            x[j + 1] = k[j];
        }
        return of(c, x);
    }
}
