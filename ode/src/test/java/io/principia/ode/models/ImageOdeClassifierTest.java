package io.principia.ode.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;
import io.principia.core.util.Rng;
import io.principia.ode.GradientMode;
import io.principia.ode.Method;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The image models of spec rnn_ode.md 3.2: parameter counts, layouts, gradients. */
class ImageOdeClassifierTest {
    private static final SolverConfig RK4 = SolverConfig.fixed(Method.RK4, GradientMode.BACKPROP);

    @Test
    void mnistParameterCountsMatchTheOfficialModels() {
        // official counts exclude the γ / corr scalars; here γ_raw (HB, GHB) and a learnable corr
        // (GHB, GNesterov) are parameters, a frozen corr (HB, Nesterov) is a buffer
        Map<ImageModel, Integer> scalars = Map.of(ImageModel.NODE, 0, ImageModel.ANODE, 0, ImageModel.SONODE, 0,
                ImageModel.HBNODE, 1, ImageModel.GHBNODE, 2, ImageModel.NESTEROV, 0, ImageModel.GNESTEROV, 1);
        long[] expected = {85_316, 85_462, 86_179, 85_929, 85_929, 85_929, 85_929};
        for (ImageModel kind : ImageModel.values()) {
            ImageOdeClassifier m = new ImageOdeClassifier(kind, ImageOdeClassifier.Sizes.mnist(kind), 1, 2, RK4, new Rng(1), DataType.FLOAT);
            assertEquals(expected[kind.ordinal()], kind.mnistParameters);
            assertEquals(kind.mnistParameters + scalars.get(kind), m.parameterCount(), kind.displayName);
        }
    }

    @Test
    void convDynamicsAddsATimeChannelAndPassesGradCheck() {
        ConvDynamics f = new ConvDynamics(2, 3, 2, new Rng(2), DataType.DOUBLE);
        assertEquals((3 * 3 + 3) + (9 * 4 * 3 + 3) + (4 * 2 + 2), f.parameterCount());
        Tensor x = GradCheck.randomInput(1, 2, 2, 4, 4);
        assertArrayEquals(new long[] {2, 2, 4, 4}, f.forward(0.5, x).shape());
        // t enters: f(0.5, x) != f(1.5, x)
        assertTrue(f.forward(0.5, x).data().sub(f.forward(1.5, x).data()).amaxNumber().doubleValue() > 1e-6);
        GradCheck.check(in -> f.forward(0.5, in[0]), x);
        Tensor fixed = GradCheck.randomInput(2, 2, 2, 4, 4).requiresGrad(false);
        GradCheck.checkLoss(() -> f.forward(0.5, fixed).mul(fixed).sum(), f.parameters());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> f.forward(0, Tensor.zeros(1, 3, 4, 4)));
        assertTrue(bad.getMessage().contains("[B, 2, H, W]") && bad.getMessage().contains("[1, 3, 4, 4]"), bad.getMessage());
    }

    @Test
    void initialVelocityKeepsTheImageInFrontAndPassesGradCheck() {
        InitialVelocity iv = new InitialVelocity(1, 3, 4, new Rng(3), DataType.DOUBLE);
        Tensor x = GradCheck.randomInput(4, 2, 1, 3, 3);
        Tensor z = iv.forward(x);
        assertArrayEquals(new long[] {2, 2, 3, 3, 3}, z.shape());
        // h(t0) channel 0 is x itself
        assertTrue(z.slice(1, 0, 1).slice(2, 0, 1).data().reshape(2, 1, 3, 3).equalsWithEps(x.data(), 0));
        GradCheck.check(in -> iv.forward(in[0]), x);
        Tensor fixed = GradCheck.randomInput(5, 2, 1, 3, 3).requiresGrad(false);
        GradCheck.checkLoss(() -> iv.forward(fixed).sum(), iv.parameters());
        assertThrows(IllegalArgumentException.class, () -> new InitialVelocity(3, 2, 4, new Rng(3), DataType.DOUBLE));
    }

    @Test
    void everyModelClassifiesSmallImagesWithGradients() {
        ImageOdeClassifier.Sizes s = new ImageOdeClassifier.Sizes(1, 4, 4, 2, 3, 3);
        for (ImageModel kind : ImageModel.values()) {
            ImageOdeClassifier m = new ImageOdeClassifier(kind, s, 1, 2, new SolverConfig(Method.DOPRI5, 1e-3, 1e-3, GradientMode.ADJOINT),
                    new Rng(4), DataType.DOUBLE);
            Tensor logits = m.forward(GradCheck.randomInput(6, 2, 16).requiresGrad(false));
            assertArrayEquals(new long[] {2, 3}, logits.shape(), kind.displayName);
            logits.sum().backward();
            assertTrue(m.block().lastNfeForward() > 0 && m.block().lastNfeBackward() > 0, kind.displayName);
            for (var e : m.namedParameters().entrySet()) {
                assertTrue(e.getValue().grad() != null, kind.displayName + " " + e.getKey() + " got no gradient");
            }
        }
        ImageOdeClassifier m = new ImageOdeClassifier(ImageModel.HBNODE, s, 1, 2, RK4, new Rng(4), DataType.DOUBLE);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(2, 15)));
        assertTrue(bad.getMessage().contains("[2, 15]") && bad.getMessage().contains("[B, 16]"), bad.getMessage());
    }

    @Test
    void wholeClassifierPassesGradCheckThroughTheSolver() {
        ImageOdeClassifier.Sizes s = new ImageOdeClassifier.Sizes(1, 3, 3, 2, 2, 2);
        for (ImageModel kind : new ImageModel[] {ImageModel.SONODE, ImageModel.GNESTEROV}) {
            ImageOdeClassifier m = new ImageOdeClassifier(kind, s, 1, 2, RK4, new Rng(5), DataType.DOUBLE);
            Tensor x = GradCheck.randomInput(7, 2, 9).requiresGrad(false);
            GradCheck.checkLoss(() -> m.forward(x).mul(m.forward(x)).sum(), m.parameters());
        }
    }
}
