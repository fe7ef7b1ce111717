package io.principia.recurrent;

import static io.principia.core.testing.GradCheck.randomInput;
import static io.principia.core.testing.TestArrays.assertClose;
import static io.principia.core.testing.TestArrays.values;

import io.principia.core.ops.Slicing;
import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Forward values against plain loops and float64 gradient checks of every fused op. */
class FusedOpsTest {
    static final DataType D = DataType.DOUBLE;

    static double sig(double x) { return 1 / (1 + Math.exp(-x)); }

    @Test
    void lstmGatesForwardMatchesLoops() {
        int b = 2, hd = 3;
        Tensor a = randomInput(1, b, 4 * hd), r = randomInput(2, b, 4 * hd), c = randomInput(3, b, hd);
        Tensor[] hc = new LstmGates(hd, D).apply(a, 1.3, r, -0.4, c);
        double[] av = values(a.data()), rv = values(r.data()), cv = values(c.data());
        double[] h = new double[b * hd], cn = new double[b * hd];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < hd; j++) {
                double[] z = new double[4];
                for (int k = 0; k < 4; k++) {
                    int idx = i * 4 * hd + k * hd + j;
                    z[k] = 1.3 * av[idx] - 0.4 * rv[idx];
                }
                double ig = sig(z[0]), fg = sig(z[1]), gg = Math.tanh(z[2]), og = sig(z[3]);
                cn[i * hd + j] = fg * cv[i * hd + j] + ig * gg;
                h[i * hd + j] = og * Math.tanh(cn[i * hd + j]);
            }
        }
        assertClose(h, new long[] {b, hd}, hc[0].data(), 1e-14);
        assertClose(cn, new long[] {b, hd}, hc[1].data(), 1e-14);
    }

    @Test
    void lstmGatesGradients() {
        LstmGates gates = new LstmGates(3, D);
        Tensor a = randomInput(4, 2, 12), r = randomInput(5, 2, 12), c = randomInput(6, 2, 3);
        GradCheck.check(t -> {
            Tensor[] hc = gates.apply(t[0], 1.3, t[1], -0.4, t[2]);
            return Slicing.concat(1, hc[0], hc[1]);
        }, a, r, c);
        GradCheck.check(t -> gates.apply(t[0], 1, t[1], 1, t[2])[0], a, r, c);  // h only
        GradCheck.check(t -> gates.apply(t[0], 1, t[1], 1, t[2])[1], a, r, c);  // c only: no o-gate gradient
        GradCheck.check(t -> gates.apply(t[0], 0.7, null, 0, t[1])[0], a, c);   // no second term
    }

    @Test
    void momentumUpdateValuesAndGradients() {
        Tensor v = randomInput(7, 2, 4), g = randomInput(8, 2, 4);
        Tensor out = MomentumUpdate.apply(v, Factor.of(0.6), g, Factor.of(0.3));
        double[] vv = values(v.data()), gv = values(g.data()), expected = new double[8];
        for (int i = 0; i < 8; i++) {
            expected[i] = 0.6 * vv[i] + 0.3 * gv[i];
        }
        assertClose(expected, new long[] {2, 4}, out.data(), 1e-15);
        GradCheck.check(t -> MomentumUpdate.apply(t[0], Factor.of(0.6), t[1], Factor.of(-0.3)), v, g);
        // learnable factors: μ = sigmoid(θμ), s = softplus(θs) (negated, as Nesterov's u uses it)
        Tensor thetaMu = Tensor.param(Nd4j.scalar(D, 0.4)), thetaS = Tensor.param(Nd4j.scalar(D, -0.2));
        GradCheck.check(t -> {
            double m = sig(t[2].item()), s = Math.log1p(Math.exp(t[3].item()));
            Factor mu = new Factor(m, t[2], m * (1 - m)), sf = new Factor(s, t[3], sig(t[3].item()));
            return MomentumUpdate.apply(t[0], mu, t[1], sf.negate());
        }, v, g, thetaMu, thetaS);
    }

    @Test
    void adamPiecesValuesAndGradients() {
        Tensor rPrev = Tensor.param(Nd4j.rand(D, 2, 4).addi(0.1)), g = randomInput(9, 2, 4), v = randomInput(10, 2, 4);
        Tensor r = AdamDirection.average(rPrev, g, 0.3);
        Tensor d = AdamDirection.direction(v, r, 1e-3);
        double[] rp = values(rPrev.data()), gv = values(g.data()), vv = values(v.data()), er = new double[8], ed = new double[8];
        for (int i = 0; i < 8; i++) {
            er[i] = 0.3 * rp[i] + 0.7 * gv[i] * gv[i];
            ed[i] = vv[i] / Math.sqrt(er[i] + 1e-3);
        }
        assertClose(er, new long[] {2, 4}, r.data(), 1e-14);
        assertClose(ed, new long[] {2, 4}, d.data(), 1e-13);
        GradCheck.check(t -> AdamDirection.direction(t[2], AdamDirection.average(t[0], t[1], 0.3), 1e-3), rPrev, g, v);
    }

    @Test
    void tanhSumGradients() {
        Tensor a = randomInput(11, 2, 3), b = randomInput(12, 2, 3);
        double[] av = values(a.data()), bv = values(b.data()), e = new double[6];
        for (int i = 0; i < 6; i++) {
            e[i] = Math.tanh(av[i] + bv[i]);
        }
        assertClose(e, new long[] {2, 3}, TanhSum.apply(a, b).data(), 1e-15);
        GradCheck.check(t -> TanhSum.apply(t[0], t[1]), a, b);
    }

    @Test
    void gruGatesForwardAndGradients() {
        int b = 2, hd = 3;
        Tensor x = randomInput(13, b, 3 * hd), q = randomInput(14, b, 3 * hd), h = randomInput(15, b, hd);
        GruGates gru = new GruGates(hd, D);
        double[] xv = values(x.data()), qv = values(q.data()), hv = values(h.data()), e = new double[b * hd];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < hd; j++) {
                int o = i * 3 * hd;
                double r = sig(xv[o + j] + qv[o + j]), z = sig(xv[o + hd + j] + qv[o + hd + j]);
                double n = Math.tanh(xv[o + 2 * hd + j] + r * qv[o + 2 * hd + j]);
                e[i * hd + j] = (1 - z) * n + z * hv[i * hd + j];
            }
        }
        assertClose(e, new long[] {b, hd}, gru.apply(x, q, h).data(), 1e-14);
        GradCheck.check(t -> gru.apply(t[0], t[1], t[2]), x, q, h);
    }

    @Test
    void maskBlendGradients() {
        Tensor n = randomInput(16, 3, 2), o = randomInput(17, 3, 2);
        var m = Nd4j.create(new double[] {1, 0, 1}, new long[] {3, 1}, 'c');
        double[] nv = values(n.data()), ov = values(o.data());
        assertClose(new double[] {nv[0], nv[1], ov[2], ov[3], nv[4], nv[5]}, new long[] {3, 2}, MaskBlend.apply(m, n, o).data(), 0);
        GradCheck.check(t -> MaskBlend.apply(m, t[0], t[1]), n, o);
    }

    @Test
    void timeStepsAreViewsWithOneGradientBuffer() {
        Tensor x = randomInput(18, 4, 2, 3);
        Tensor[] steps = TimeSteps.unbind(x);
        assertClose(values(x.data().slice(2)), new long[] {2, 3}, steps[2].data(), 0);
        // uses steps 0, 2 and 3 (step 1 unused), two of them twice
        GradCheck.checkLoss(() -> {
            Tensor[] s = TimeSteps.unbind(x);
            return s[0].mul(s[2]).sum().add(s[3].mul(3.0).sum()).add(s[0].sum()).add(s[3].mul(s[3]).sum());
        }, List.of(x));
    }
}
