package io.principia.graph.grand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.principia.core.ops.Losses;
import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;
import io.principia.core.util.Rng;
import io.principia.graph.Graph;
import io.principia.graph.GraphOps;
import io.principia.graph.Normalization;
import io.principia.graph.diffusion.DenseAdjacency;
import io.principia.graph.diffusion.LaplacianDiffusion;
import io.principia.graph.sparse.SparseMatrix;
import io.principia.ode.Method;
import io.principia.ode.Odeint;
import io.principia.ode.SolverException;

/** The GRAND / GRAND++ model: reductions (spec §6 T4), dense vs sparse, gradients, bad inputs. */
class GrandTest {
    /** 7 nodes, two triangles joined by a path, one pendant node; symmetric, no loops. */
    static final Graph G = GraphOps.symmetrize(new Graph(7, new int[] {0, 1, 2, 2, 3, 4, 5, 4}, new int[] {1, 2, 0, 3, 4, 5, 3, 6}));
    static final int F = 5, C = 3;
    static final int[] TRAIN = {0, 4, 6};

    static GrandConfig small(GrandConfig.Diffusion d) {
        return new GrandConfig().diffusion(d).hidden(4).heads(2).attentionDim(4).inputDropout(0).dropout(0).time(1.0).stepSize(0.25);
    }

    static Grand model(GrandConfig cfg, int[] source, long seed) {
        Grand m = new Grand(cfg, G, F, C, source, new Rng(seed), DataType.DOUBLE);
        m.eval();
        return m;
    }

    static Tensor features() {
        return GradCheck.randomInput(21, 7, F);
    }

    @Test
    void grandPlusPlusWithZeroSourceEqualsGrand() {
        for (GrandConfig.Diffusion d : GrandConfig.Diffusion.values()) {
            Grand grand = model(small(d), null, 5);
            Grand pp = model(small(d).sourceScale(0.0), TRAIN, 5);
            INDArray a = grand.forward(features()).data(), b = pp.forward(features()).data();
            assertEquals(0, a.sub(b).norm2Number().doubleValue(), 1e-12, d.name());
            Tensor traj = pp.trajectory(pp.encode(features()), 0.0, 0.5, 1.0);
            assertEquals(3, traj.size(0));
        }
    }

    @Test
    void theSourceChangesTheOutputAndKeepsTheLabelledMeanCentred() {
        Grand grand = model(small(GrandConfig.Diffusion.FIXED_RW), null, 5);
        Grand pp = model(small(GrandConfig.Diffusion.FIXED_RW), TRAIN, 5);
        assertTrue(grand.forward(features()).data().sub(pp.forward(features()).data()).norm2Number().doubleValue() > 1e-3);
        // With the column-stochastic 'rw' A and Σ C = 0 the node sum of Z is conserved (spec T3).
        Tensor x0 = pp.encode(features());
        Tensor z = pp.trajectory(x0, 0.0, 4.0);
        INDArray source = io.principia.graph.diffusion.SourceTerm.centered(x0, mask(TRAIN), 1.0).data();
        INDArray sum0 = x0.data().add(source).sum(0), sum4 = z.data().slice(1).sum(0);
        assertEquals(0, sum0.sub(sum4).norm2Number().doubleValue(), 1e-10);
    }

    @Test
    void zeroQueryKeyAttentionEqualsTheFixedRwAdjacency() {
        // Uniform attention grouped by source = A D'^-1, the column-stochastic 'rw' A with loop weight 1.
        Grand rw = model(small(GrandConfig.Diffusion.FIXED_RW), TRAIN, 8);
        for (GrandConfig.Diffusion d : new GrandConfig.Diffusion[] {GrandConfig.Diffusion.LINEAR_ATTENTION,
                GrandConfig.Diffusion.NONLINEAR_ATTENTION}) {
            Grand att = model(small(d), TRAIN, 8);
            copyEncoderDecoder(rw, att);
            zeroAttention(att);
            assertEquals(0, rw.forward(features()).data().sub(att.forward(features()).data()).norm2Number().doubleValue(), 1e-12,
                    d.name());
        }
    }

    @Test
    void sparseAndDenseFeaturesAndAdjacencyAgree() {
        Grand m = model(small(GrandConfig.Diffusion.LINEAR_ATTENTION), null, 3);
        EdgeAttentionTest.randomize(attentionOf(m), 30);
        Tensor x = features();
        INDArray dense = m.forward(x).data();
        INDArray sparse = m.forward(SparseMatrix.fromDense(x.data())).data();
        assertEquals(0, dense.sub(sparse).norm2Number().doubleValue(), 1e-12);
        // GRAND-l's Z(T) equals the dense linear ODE with A = the attention matrix of Z(0).
        Tensor x0 = m.encode(x);
        double[][] a = Normalization.dense(m.diffusionGraph(), m.edgeWeights(x0).data().toDoubleVector());
        LaplacianDiffusion f = new LaplacianDiffusion(new DenseAdjacency(Tensor.of(Nd4j.createFromArray(a))), DataType.DOUBLE);
        Tensor expected = Odeint.of(f).method(Method.RK4).stepSize(0.25).solve(x0, 0.0, 1.0).last();
        assertEquals(0, m.finalState(x0).data().sub(expected.data()).norm2Number().doubleValue(), 1e-12);
    }

    @Test
    void linearGrandMatchesTheMatrixExponential() {
        // dopri5 at tight tolerances against expm(T σ(α)(A − I)) X0 by a long Taylor series.
        Grand m = model(small(GrandConfig.Diffusion.FIXED_RW).method(Method.DOPRI5).tolerances(1e-10, 1e-12).time(2.0), null, 4);
        Tensor x0 = m.encode(features());
        double[][] a = Normalization.dense(m.diffusionGraph(), m.edgeWeights(x0).data().toDoubleVector());
        INDArray mm = Nd4j.createFromArray(a).sub(Nd4j.eye(7).castTo(DataType.DOUBLE)).mul(0.5 * 2.0); // T σ(0) (A − I)
        INDArray term = x0.data().dup(), sum = x0.data().dup();
        for (int k = 1; k < 60; k++) {
            term = mm.mmul(term).div(k);
            sum.addi(term);
        }
        assertEquals(0, m.finalState(x0).data().sub(sum).norm2Number().doubleValue(), 1e-8);
    }

    @Test
    void gradientsOfTheLossMatchFiniteDifferences() {
        Tensor x = features();
        Tensor y = Tensor.of(Nd4j.createFromArray(0, 1, 2));
        for (GrandConfig.Diffusion d : GrandConfig.Diffusion.values()) {
            for (int[] source : new int[][] {null, TRAIN}) {
                Grand m = model(small(d), source, 11);
                if (d != GrandConfig.Diffusion.FIXED_RW) {
                    EdgeAttentionTest.randomize(attentionOf(m), 40);
                }
                GradCheck.checkLoss(() -> Losses.crossEntropy(io.principia.core.ops.Indexing.indexSelect(m.forward(x), 0, TRAIN), y),
                        m.parameters(), 1e-6, 1e-4);
            }
        }
    }

    @Test
    void adjointGradientsEqualBackpropGradients() {
        Tensor x = features();
        Tensor y = Tensor.of(Nd4j.createFromArray(0, 1, 2));
        for (GrandConfig.Diffusion d : GrandConfig.Diffusion.values()) {
            List<INDArray> grads = new ArrayList<>();
            List<INDArray> outputs = new ArrayList<>();
            for (boolean adjoint : new boolean[] {false, true}) {
                Grand m = model(small(d).adjoint(adjoint), TRAIN, 13);
                if (d != GrandConfig.Diffusion.FIXED_RW) {
                    EdgeAttentionTest.randomize(attentionOf(m), 50);
                }
                m.zeroGrad();
                Tensor logits = m.forward(x); // GRAND++: a forced field under backprop, the augmented [Z, C] state under the adjoint
                outputs.add(logits.data().dup());
                Losses.crossEntropy(io.principia.core.ops.Indexing.indexSelect(logits, 0, TRAIN), y).backward();
                for (Map.Entry<String, Tensor> p : m.namedParameters().entrySet()) {
                    grads.add(p.getValue().grad() == null ? Nd4j.zerosLike(p.getValue().data()) : p.getValue().grad().dup());
                }
            }
            assertEquals(0, outputs.get(0).sub(outputs.get(1)).norm2Number().doubleValue(), 1e-12, d + " logits");
            int half = grads.size() / 2;
            for (int k = 0; k < half; k++) {
                double scale = 1 + grads.get(k).norm2Number().doubleValue();
                assertEquals(0, grads.get(k).sub(grads.get(half + k)).norm2Number().doubleValue() / scale, 1e-6, d + " parameter " + k);
            }
        }
    }

    @Test
    void badInputsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GrandConfig().time(0));
        assertTrue(e.getMessage().contains("> 0, got 0.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GrandConfig().time(-1));
        assertThrows(IllegalArgumentException.class, () -> new GrandConfig().time(Double.NaN));
        e = assertThrows(IllegalArgumentException.class, () -> model(small(GrandConfig.Diffusion.FIXED_RW), new int[] {0, 7}, 1));
        assertTrue(e.getMessage().contains("source node 7 is outside [0, 7)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model(small(GrandConfig.Diffusion.FIXED_RW), new int[] {}, 1));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model(small(GrandConfig.Diffusion.FIXED_RW), new int[] {2, 2}, 1));
        assertTrue(e.getMessage().contains("listed twice"), e.getMessage());
        Grand m = model(small(GrandConfig.Diffusion.LINEAR_ATTENTION), TRAIN, 1);
        e = assertThrows(IllegalArgumentException.class, () -> m.forward(GradCheck.randomInput(1, 6, F)));
        assertTrue(e.getMessage().contains("[7, 5]") && e.getMessage().contains("[6, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.trajectory(m.encode(features()), 0.5, 1.0));
        assertTrue(e.getMessage().contains("start at 0"), e.getMessage());
        Grand capped = model(small(GrandConfig.Diffusion.FIXED_RW).stepSize(0.1).maxSteps(5), null, 1);
        assertThrows(SolverException.class, () -> capped.forward(features()));
    }

    static EdgeAttention attentionOf(Grand m) {
        return (EdgeAttention) m.children().values().stream().flatMap(c -> java.util.stream.Stream.concat(java.util.stream.Stream.of(c),
                c.children().values().stream())).filter(c -> c instanceof EdgeAttention).findFirst().orElseThrow();
    }

    static void zeroAttention(Grand m) {
        attentionOf(m).fill(0.0, 0.0);
    }

    static void copyEncoderDecoder(Grand from, Grand to) {
        to.encoder.weight.data().assign(from.encoder.weight.data());
        to.encoder.bias.data().assign(from.encoder.bias.data());
        to.decoder.weight.data().assign(from.decoder.weight.data());
        to.decoder.bias.data().assign(from.decoder.bias.data());
    }

    static INDArray mask(int[] nodes) {
        double[] m = new double[7];
        for (int i : nodes) {
            m[i] = 1;
        }
        return Nd4j.createFromArray(m);
    }
}
