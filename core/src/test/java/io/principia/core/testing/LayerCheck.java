package io.principia.core.testing;

import io.principia.core.nn.Module;
import io.principia.core.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import org.nd4j.linalg.factory.Nd4j;

/** Gradient checks for whole modules: every parameter (and optionally inputs) of a float64 module. */
public final class LayerCheck {
    private LayerCheck() {}

    /**
     * Checks d loss / d p for every parameter of {@code module} and every extra leaf, where loss =
     * Σ w ⊙ forward() with fixed random weights w in [0.5, 1.5).
     */
    public static void checkParameters(Module module, Supplier<Tensor> forward, Tensor... extraLeaves) {
        Tensor probe = forward.get();
        Random r = new Random(4321);
        double[] w = new double[(int) probe.length()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.5 + r.nextDouble();
        }
        Tensor weights = Tensor.of(Nd4j.create(w, probe.shape(), 'c').castTo(probe.dtype()));
        List<Tensor> leaves = new ArrayList<>(module.parameters());
        leaves.addAll(List.of(extraLeaves));
        GradCheck.checkLoss(() -> forward.get().mul(weights).sum(), leaves);
    }
}
