package io.principia.graph.grand;

import static io.principia.graph.grand.GrandTest.TRAIN;
import static io.principia.graph.grand.GrandTest.features;
import static io.principia.graph.grand.GrandTest.model;
import static io.principia.graph.grand.GrandTest.small;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.principia.core.ops.Indexing;
import io.principia.core.ops.Losses;
import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;
import io.principia.graph.diffusion.DenseAdjacency;
import io.principia.graph.diffusion.LaplacianDiffusion;
import io.principia.ode.Method;
import io.principia.ode.Odeint;

/** GRAND's optional β·x0 source (reference {@code add_source}): closed form, reduction, gradients. */
class GrandX0SourceTest {

    @Test
    void withTheIdentityAdjacencyTheStateGrowsLinearlyInT() {
        // A = I: the diffusion term vanishes, dx/dt = β·x0, so x(T) = (1 + βT)·x0 (exact for rk4)
        LaplacianDiffusion f = new LaplacianDiffusion(new DenseAdjacency(Tensor.of(Nd4j.eye(7).castTo(DataType.DOUBLE))), true,
                DataType.DOUBLE);
        f.x0Source().beta().data().assign(0.3);
        Tensor x0 = GradCheck.randomInput(3, 7, 4);
        Tensor xT = Odeint.of(f.x0Source().around(f, x0)).method(Method.RK4).stepSize(0.25).solve(x0, 0.0, 2.0).last();
        assertEquals(0, xT.data().sub(x0.data().mul(1 + 0.3 * 2.0)).norm2Number().doubleValue(), 1e-12);
    }

    @Test
    void atBetaZeroItIsGrandAndOtherwiseItIsNot() {
        for (GrandConfig.Diffusion d : GrandConfig.Diffusion.values()) {
            Grand plain = model(small(d), null, 5);
            Grand sourced = model(small(d).x0Source(true), null, 5);
            assertTrue(sourced.namedParameters().containsKey("odefunc.beta_train"), sourced.namedParameters().keySet().toString());
            assertEquals(0, plain.forward(features()).data().sub(sourced.forward(features()).data()).norm2Number().doubleValue(),
                    1e-12, d.name());
            sourced.namedParameters().get("odefunc.beta_train").data().assign(0.5);
            assertTrue(plain.forward(features()).data().sub(sourced.forward(features()).data()).norm2Number().doubleValue() > 1e-3,
                    d.name());
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesAndTheAdjoint() {
        Tensor x = features();
        Tensor y = Tensor.of(Nd4j.createFromArray(0, 1, 2));
        for (GrandConfig.Diffusion d : GrandConfig.Diffusion.values()) {
            List<INDArray> grads = new ArrayList<>();
            for (boolean adjoint : new boolean[] {false, true}) {
                Grand m = model(small(d).x0Source(true).adjoint(adjoint), null, 11);
                if (d != GrandConfig.Diffusion.FIXED_RW) {
                    EdgeAttentionTest.randomize(GrandTest.attentionOf(m), 40);
                }
                m.namedParameters().get("odefunc.beta_train").data().assign(0.4);
                if (!adjoint) {
                    // x0 is detached (as in the reference), so finite differences in the encoder's weights would also move
                    // x0 and differ from the gradient by design; every other parameter leaves x0 alone
                    List<Tensor> notEncoder = m.namedParameters().entrySet().stream().filter(e -> !e.getKey().startsWith("m1."))
                            .map(java.util.Map.Entry::getValue).toList();
                    assertTrue(notEncoder.size() < m.parameters().size());
                    GradCheck.checkLoss(() -> Losses.crossEntropy(Indexing.indexSelect(m.forward(x), 0, TRAIN), y), notEncoder,
                            1e-6, 1e-4);
                }
                m.zeroGrad();
                Losses.crossEntropy(Indexing.indexSelect(m.forward(x), 0, TRAIN), y).backward();
                for (Tensor p : m.parameters()) {
                    grads.add(p.grad() == null ? Nd4j.zerosLike(p.data()) : p.grad().dup());
                }
            }
            int half = grads.size() / 2;
            for (int k = 0; k < half; k++) {
                double scale = 1 + grads.get(k).norm2Number().doubleValue();
                assertEquals(0, grads.get(k).sub(grads.get(half + k)).norm2Number().doubleValue() / scale, 1e-6, d + " parameter " + k);
            }
        }
    }

    @Test
    void eachSolveKeepsItsOwnX0ForTheAdjointBackward() {
        // The adjoint backward re-evaluates the field; a forward on other features in between must not change it.
        Tensor x1 = features(), x2 = GradCheck.randomInput(99, 7, GrandTest.F);
        Tensor y = Tensor.of(Nd4j.createFromArray(0, 1, 2));
        for (GrandConfig.Diffusion d : GrandConfig.Diffusion.values()) {
            List<INDArray> grads = new ArrayList<>();
            for (boolean interleaved : new boolean[] {false, true}) {
                Grand m = model(small(d).x0Source(true).adjoint(true), null, 17);
                m.namedParameters().get("odefunc.beta_train").data().assign(0.4);
                m.zeroGrad();
                Tensor loss = Losses.crossEntropy(Indexing.indexSelect(m.forward(x1), 0, TRAIN), y);
                if (interleaved) {
                    m.forward(x2);
                }
                loss.backward();
                grads.add(m.namedParameters().get("odefunc.beta_train").grad().dup());
            }
            assertEquals(grads.get(0).getDouble(0), grads.get(1).getDouble(0), 1e-12, d.name());
            assertTrue(Math.abs(grads.get(0).getDouble(0)) > 1e-6, d + ": beta's gradient is not trivially zero");
        }
    }

    @Test
    void aStateOfAnotherShapeIsAClearError() {
        LaplacianDiffusion f = new LaplacianDiffusion(new DenseAdjacency(Tensor.of(Nd4j.eye(3).castTo(DataType.DOUBLE))), true,
                DataType.DOUBLE);
        var forced = f.x0Source().around(f, GradCheck.randomInput(1, 3, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> forced.forward(0.0, GradCheck.randomInput(2, 3, 2)));
        assertTrue(e.getMessage().contains("[3, 2] does not match x0 [3, 4]"), e.getMessage());
    }
}
