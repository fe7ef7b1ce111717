package io.principia.recurrent;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import io.principia.core.autograd.Grad;
import io.principia.core.tensor.Tensor;

/**
 * A whole LSTM (or MomentumLSTM) unroll as one autograd node, float32 only: the equations of
 * {@link LstmCell} (and {@link MomentumLstmCell}) for t = 1..T, PyTorch gate order (i, f, g, o):
 * <pre>
 *   xp_t = x_t W_xᵀ + b_x                        [B, 4H]
 *   v_t  = μ v_{t−1} + s xp_t                    (MomentumLSTM; the LSTM uses v_t = xp_t)
 *   z_t  = v_t + h_{t−1} Uᵀ + b_h                [B, 4H]
 *   c_t  = σ(z_f) ⊙ c_{t−1} + σ(z_i) ⊙ tanh(z_g),   h_t = σ(z_o) ⊙ tanh(c_t)
 * </pre>
 * Per step the forward makes one BLAS gemm (h_{t−1} Uᵀ; a second for x_t W_xᵀ when F &gt; 4, else
 * plain Java) and computes the gates in Java loops over float arrays, which the JIT vectorizes,
 * with {@link RationalTanh} for σ and tanh. The backward makes two gemms per step (dz_t U for
 * dh_{t−1}, and dU += dz_tᵀ h_{t−1}) and the gate derivatives in Java, with a = (i, f, g, o):
 * <pre>
 *   dc  ← dc + dh ⊙ o ⊙ (1 − tanh² c_t)
 *   dz  = (dc ⊙ g ⊙ i(1−i),  dc ⊙ c_{t−1} ⊙ f(1−f),  dc ⊙ i ⊙ (1−g²),  dh ⊙ tanh c_t ⊙ o(1−o))
 *   dc_{t−1} = dc ⊙ f,   dh_{t−1} = dz U + (the caller's gradient on h_{t−1})
 *   dv_t = dz_t + μ dv_{t+1},   dxp_t = s dv_t,   ∂L/∂μ = Σ_t ⟨dv_t, v_{t−1}⟩,   ∂L/∂s = Σ_t ⟨dv_t, xp_t⟩
 *   dW_x = Σ_t dxp_tᵀ x_t,   db_x = Σ_{t,b} dxp_t,   db_h = Σ_{t,b} dz_t,   dx_t = dxp_t W_x
 * </pre>
 * So a step costs 3 BLAS calls and a few array copies instead of the ~34 ND4J ops of the per-step
 * cells, and allocates nothing. Kept for the backward: the activations [T, B, 4H], c and tanh c
 * [T, B, H] (and v [T, B, 4H] with momentum) in flat Java arrays, the hidden states [T + 1, B, H]
 * natively; {@link #fits} says when those arrays fit Java's array size.
 */
final class LstmSequence {
    private LstmSequence() {}

    /** Up to this input size x_t W_xᵀ runs in Java; above it, through BLAS. */
    static final int JAVA_INPUT_MAX = 4;

    /** MomentumLSTM's input momentum v_t = μ v_{t−1} + s xp_t from v0 [B, 4H]. */
    record Momentum(Tensor v0, Factor mu, Factor s) {}

    /** The hidden states h_1..h_T [T, B, H], the final c [B, H] and, with momentum, the final v [B, 4H]. */
    record Output(Tensor hidden, Tensor c, Tensor v) {}

    /** Whether the flat per-step arrays of T steps of B × H fit in Java arrays. */
    static boolean fits(long steps, long batch, long hidden) {
        return steps * batch * 4 * hidden <= Integer.MAX_VALUE - 16;
    }

    /** Gradients that the final-state nodes hand to the sequence node, which runs after them. */
    private static final class FinalGrads {
        INDArray dc;
        INDArray dv;
    }

    /**
     * @param x  [B, T, F]; wx [4H, F], bx [4H], u [4H, H], bh [4H]; h0, c0 [B, H]
     * @param m  the momentum terms, or null for the plain LSTM
     */
    static Output apply(Tensor x, Tensor wx, Tensor bx, Tensor u, Tensor bh, Tensor h0, Tensor c0, Momentum m) {
        Shape d = new Shape(x.shape(), u.size(1));
        if (!fits(d.steps, d.batch, d.hidden)) {
            throw new IllegalArgumentException("LstmSequence: " + d.steps + " steps of [" + d.batch + ", " + 4 * d.hidden
                    + "] exceed a Java array; run the per-step cell instead");
        }
        Input in = new Input(x.data(), wx.data(), d);
        INDArray uArr = contiguous(u.data());                    // [4H, H]
        float[] bxv = heap(bx.data()), bhv = heap(bh.data());     // [4H]
        float[] c0v = heap(c0.data());                            // [B, H]
        float[] v0v = m == null ? null : heap(m.v0().data());     // [B, 4H]
        float mu = m == null ? 0f : (float) m.mu().value();
        float s = m == null ? 1f : (float) m.s().value();
        boolean keep = Grad.enabled() && anyRequiresGrad(x, wx, bx, u, bh, h0, c0, m == null ? null : m.v0(),
                m == null ? null : m.mu().raw(), m == null ? null : m.s().raw());
        int keptSteps = keep ? d.steps : 1;
        float[] act = new float[keptSteps * d.rowsG];             // [T, B, 4H] activations (i, f, g, o)
        float[] cs = new float[(keep ? d.steps : 2) * d.rowsH];   // [T, B, H] c_t (two slots when not kept)
        float[] tcs = new float[keptSteps * d.rowsH];             // [T, B, H] tanh c_t
        float[] vs = m == null ? null : new float[(keep ? d.steps : 2) * d.rowsG]; // [T, B, 4H] v_t

        INDArray hall = Nd4j.create(DataType.FLOAT, d.steps + 1, d.batch, d.hidden); // [T+1, B, H]: h0, h_1..h_T
        hall.slice(0).assign(h0.data());
        FloatBuffer hallBuf = floats(hall);
        INDArray z = Nd4j.create(DataType.FLOAT, d.batch, 4 * d.hidden);           // h_{t−1} Uᵀ, [B, 4H]
        FloatBuffer zBuf = floats(z);
        float[] zh = new float[d.rowsG], h = new float[d.rowsH];
        for (int t = 0; t < d.steps; t++) {
            Nd4j.gemm(hall.slice(t), uArr, z, false, true, 1.0, 0.0); // [B, H] x [H, 4H] -> [B, 4H]
            zBuf.get(0, zh);
            int ao = keep ? t * d.rowsG : 0;
            in.project(t, bxv, act, ao);                              // xp_t = x_t W_xᵀ + b_x
            if (m != null) {
                int vo = (keep ? t : t % 2) * d.rowsG;
                int po = t == 0 ? -1 : (keep ? t - 1 : (t - 1) % 2) * d.rowsG;
                momentum(mu, po < 0 ? v0v : vs, Math.max(po, 0), s, act, ao, vs, vo, d.rowsG);
            }
            int co = (keep ? t : t % 2) * d.rowsH;
            int cpo = t == 0 ? -1 : (keep ? t - 1 : (t - 1) % 2) * d.rowsH;
            gates(act, ao, zh, bhv, cpo < 0 ? c0v : cs, Math.max(cpo, 0), cs, co, tcs, keep ? t * d.rowsH : 0, h, d);
            hallBuf.put((t + 1) * d.rowsH, h);
        }
        int lastC = (keep ? d.steps - 1 : (d.steps - 1) % 2) * d.rowsH;
        int lastV = (keep ? d.steps - 1 : (d.steps - 1) % 2) * d.rowsG;

        // [T, B, H], a copy: ND4J 1.0.0-M2.1 gets indexing into an offset view wrong (a view's get() returns shape [])
        INDArray hiddenArr = hall.get(NDArrayIndex.interval(1, d.steps + 1), NDArrayIndex.all(), NDArrayIndex.all()).dup('c');
        FinalGrads fin = new FinalGrads();
        Tensor out = Tensor.result("lstm_sequence", hiddenArr, g -> {
            Backward b = new Backward(d, in, bxv, act, cs, tcs, vs, c0v, v0v, uArr, hall, mu, s, x.requiresGrad());
            b.run(contiguous(g), fin.dc, fin.dv);
            fin.dc = null;
            fin.dv = null;
            if (x.requiresGrad()) {
                x.accumulateGrad(nativeOf(b.dx, x.shape()));
            }
            if (wx.requiresGrad()) {
                wx.accumulateGrad(b.dWx);
            }
            if (bx.requiresGrad()) {
                bx.accumulateGrad(nativeOf(toFloat(b.dbx), bx.shape()));
            }
            if (u.requiresGrad()) {
                u.accumulateGrad(b.dU);
            }
            if (bh.requiresGrad()) {
                bh.accumulateGrad(nativeOf(toFloat(b.dbh), bh.shape()));
            }
            if (h0.requiresGrad()) {
                h0.accumulateGrad(nativeOf(b.dh, h0.shape()));
            }
            if (c0.requiresGrad()) {
                c0.accumulateGrad(nativeOf(b.dc, c0.shape()));
            }
            if (m != null) {
                if (m.v0().requiresGrad()) {
                    m.v0().accumulateGrad(nativeOf(b.dv0, m.v0().shape()));
                }
                m.mu().accumulate(b.dMu);
                m.s().accumulate(b.dS);
            }
        }, x, wx, bx, u, bh, h0, c0, m == null ? null : m.v0(), m == null ? null : m.mu().raw(), m == null ? null : m.s().raw());

        Tensor cT = Tensor.result("lstm_sequence_c", nativeOf(slice(cs, lastC, d.rowsH), c0.shape()), g -> {
            fin.dc = g;
            giveGradient(out);
        }, out);
        Tensor vT = m == null ? null : Tensor.result("lstm_sequence_v", nativeOf(slice(vs, lastV, d.rowsG), m.v0().shape()), g -> {
            fin.dv = g;
            giveGradient(out);
        }, out);
        return new Output(out, cT, vT);
    }

    /** Sizes: T, B, F, H and the per-step lengths B·4H and B·H. */
    private record Shape(int steps, int batch, int features, int hidden, int rowsG, int rowsH) {
        Shape(long[] x, long hidden) {
            this((int) x[1], (int) x[0], (int) x[2], (int) hidden, (int) (x[0] * 4 * hidden), (int) (x[0] * hidden));
        }
    }

    /** The input x [B, T, F] and W_x [4H, F]: xp_t in Java (small F) or through BLAS, and the input gradients. */
    private static final class Input {
        final Shape d;
        final float[] xv;       // [B, T, F] (Java path)
        final float[] wT;       // [F, 4H], W_x transposed
        final INDArray xn;      // [T, B, F] (BLAS path)
        final INDArray wn;      // [4H, F]
        final INDArray xpN;     // [B, 4H] scratch
        final FloatBuffer xpBuf;

        Input(INDArray x, INDArray w, Shape d) {
            this.d = d;
            float[] wv = heap(w);                                   // [4H, F]
            int gates = 4 * d.hidden;
            this.wT = new float[wv.length];
            for (int g = 0; g < gates; g++) {
                for (int k = 0; k < d.features; k++) {
                    wT[k * gates + g] = wv[g * d.features + k];
                }
            }
            this.wn = contiguous(w);
            boolean java = d.features <= JAVA_INPUT_MAX;
            this.xv = java ? heap(x) : null;
            this.xn = java ? null : x.castTo(DataType.FLOAT).permute(1, 0, 2).dup('c');
            this.xpN = java ? null : Nd4j.create(DataType.FLOAT, d.batch, 4 * d.hidden);
            this.xpBuf = java ? null : floats(xpN);
        }

        /** out[o + b·4H + g] = Σ_f x[b, t, f] W_x[g, f] + b_x[g]. */
        void project(int t, float[] bias, float[] out, int o) {
            int gates = 4 * d.hidden, f = d.features;
            if (xv == null) {
                Nd4j.gemm(xn.slice(t), wn, xpN, false, true, 1.0, 0.0); // [B, F] x [F, 4H]
                xpBuf.get(0, out, o, d.rowsG);
                for (int b = 0; b < d.batch; b++) {
                    add(out, o + b * gates, bias, 0, gates);
                }
                return;
            }
            for (int b = 0; b < d.batch; b++) {
                int r = o + b * gates, xo = (b * d.steps + t) * f;
                System.arraycopy(bias, 0, out, r, gates);
                for (int k = 0; k < f; k++) {
                    float xk = xv[xo + k];
                    for (int g = 0; g < gates; g++) {
                        out[r + g] += xk * wT[k * gates + g];
                    }
                }
            }
        }
    }

    /** The sequence node runs its backward only when its output has a gradient; a zero one will do. */
    private static void giveGradient(Tensor out) {
        if (out.gradArray() == null) {
            out.accumulateGrad(Nd4j.zeros(DataType.FLOAT, out.shape()));
        }
    }

    /** v = μ vPrev + s a, then a = v (the gates read v_t in place of xp_t). */
    private static void momentum(float mu, float[] prev, int po, float s, float[] a, int ao, float[] v, int vo, int n) {
        for (int k = 0; k < n; k++) {
            float y = mu * prev[po + k] + s * a[ao + k];
            v[vo + k] = y;
            a[ao + k] = y;
        }
    }

    /** One forward step over the batch: a holds v_t on entry and the activations (i, f, g, o) on exit. */
    private static void gates(float[] a, int ao, float[] zh, float[] bias, float[] cPrev, int cpo, float[] c, int co,
                              float[] tc, int to, float[] h, Shape d) {
        int hd = d.hidden, gates = 4 * hd;
        for (int b = 0; b < d.batch; b++) {
            int r = ao + b * gates, q = b * hd;
            for (int k = 0; k < gates; k++) {
                a[r + k] += zh[b * gates + k] + bias[k];
            }
            RationalTanh.sigmoidInPlace(a, r, 2 * hd);              // i, f
            RationalTanh.tanh(a, r + 2 * hd, a, r + 2 * hd, hd);     // g
            RationalTanh.sigmoidInPlace(a, r + 3 * hd, hd);         // o
            for (int j = 0; j < hd; j++) {
                c[co + q + j] = a[r + hd + j] * cPrev[cpo + q + j] + a[r + j] * a[r + 2 * hd + j];
            }
            RationalTanh.tanh(c, co + q, tc, to + q, hd);
            for (int j = 0; j < hd; j++) {
                h[q + j] = a[r + 3 * hd + j] * tc[to + q + j];
            }
        }
    }

    /** The reverse sweep; see the class comment for the equations. */
    private static final class Backward {
        final Shape d;
        final Input in;
        final float[] bx, act, cs, tcs, vs, c0, v0;
        final INDArray u, hall;
        final float mu, s;
        final boolean wantDx;
        INDArray dU, dWx;                    // [4H, H], [4H, F]
        float[] dh, dc, dv0, dx;             // [B, H], [B, H], [B, 4H], [B, T, F]
        double[] dbh, dbx;                   // [4H]
        double dMu, dS;

        Backward(Shape d, Input in, float[] bx, float[] act, float[] cs, float[] tcs, float[] vs, float[] c0, float[] v0, INDArray u,
                 INDArray hall, float mu, float s, boolean wantDx) {
            this.d = d;
            this.in = in;
            this.bx = bx;
            this.act = act;
            this.cs = cs;
            this.tcs = tcs;
            this.vs = vs;
            this.c0 = c0;
            this.v0 = v0;
            this.u = u;
            this.hall = hall;
            this.mu = mu;
            this.s = s;
            this.wantDx = wantDx;
        }

        void run(INDArray dHidden, INDArray dcLast, INDArray dvLast) {
            int gates = 4 * d.hidden, f = d.features;
            FloatBuffer up = floats(dHidden);                         // [T, B, H]
            INDArray dzN = Nd4j.create(DataType.FLOAT, d.batch, gates);
            FloatBuffer dzBuf = floats(dzN);
            INDArray dhN = Nd4j.create(DataType.FLOAT, d.batch, d.hidden);
            FloatBuffer dhBuf = floats(dhN);
            dU = Nd4j.zeros(DataType.FLOAT, gates, d.hidden);
            dWx = Nd4j.zeros(DataType.FLOAT, gates, f);
            dh = new float[d.rowsH];
            dc = dcLast == null ? new float[d.rowsH] : heap(dcLast);
            dbh = new double[gates];
            dbx = new double[gates];
            dx = wantDx ? new float[d.batch * d.steps * f] : null;
            boolean javaInput = in.xv != null;
            float[] dWxT = javaInput ? new float[f * gates] : null;   // [F, 4H], per step
            double[] dWxAcc = javaInput ? new double[f * gates] : null;
            INDArray dxpN = javaInput ? null : Nd4j.create(DataType.FLOAT, d.batch, gates);
            INDArray dxN = javaInput || !wantDx ? null : Nd4j.create(DataType.FLOAT, d.batch, f);
            float[] dz = new float[d.rowsG], upt = new float[d.rowsH], rows = new float[gates], xpt = new float[d.rowsG];
            float[] dv = vs == null ? null : (dvLast == null ? new float[d.rowsG] : heap(dvLast));
            float[] dxp = vs == null ? dz : new float[d.rowsG];
            for (int t = d.steps - 1; t >= 0; t--) {
                up.get(t * d.rowsH, upt);
                add(dh, 0, upt, 0, d.rowsH);
                int cp = t - 1;
                gateGrads(t, cp < 0 ? c0 : cs, cp < 0 ? 0 : cp * d.rowsH, dz);
                dzBuf.put(0, dz);
                accumulateRows(dz, rows, dbh);
                Nd4j.gemm(dzN, hall.slice(t), dU, true, false, 1.0, 1.0); // dU += dz_tᵀ h_{t−1}: [4H, B] x [B, H]
                Nd4j.gemm(dzN, u, dhN, false, false, 1.0, 0.0);           // dh_{t−1} = dz_t U: [B, 4H] x [4H, H]
                dhBuf.get(0, dh);
                if (vs != null) {
                    // dv_t = dz_t + μ dv_{t+1}; at t = T−1 the caller's gradient on v_T takes the place of μ dv_{t+1}
                    if (t == d.steps - 1) {
                        add(dv, 0, dz, 0, d.rowsG);
                    } else {
                        axpby(dz, mu, dv);
                    }
                    in.project(t, bx, xpt, 0);                            // xp_t again (not kept)
                    dS += dot(dv, 0, xpt, 0, d.rowsG);
                    dMu += t > 0 ? dot(dv, 0, vs, (t - 1) * d.rowsG, d.rowsG) : dot(dv, 0, v0, 0, d.rowsG);
                    scaleInto(dv, s, dxp);                                // dxp_t = s dv_t
                }
                accumulateRows(dxp, rows, dbx);
                inputGradients(t, dxp, dWxT, dWxAcc, dxpN, dxN);
            }
            if (javaInput) {
                for (int k = 0; k < f; k++) {
                    for (int g = 0; g < gates; g++) {
                        dWx.putScalar(g, k, (float) dWxAcc[k * gates + g]);
                    }
                }
            }
            if (vs != null) {
                dv0 = new float[d.rowsG];                                // v_1 = μ v0 + s xp_1: v0 gets μ dv_1
                scaleInto(dv, mu, dv0);
            }
        }

        /** dW_x += dxp_tᵀ x_t and dx_t = dxp_t W_x, in Java for small F, else through BLAS. */
        private void inputGradients(int t, float[] dxp, float[] dWxT, double[] dWxAcc, INDArray dxpN, INDArray dxN) {
            int gates = 4 * d.hidden, f = d.features;
            if (dWxT != null) {
                java.util.Arrays.fill(dWxT, 0f);
                for (int b = 0; b < d.batch; b++) {
                    int xo = (b * d.steps + t) * f, r = b * gates;
                    for (int k = 0; k < f; k++) {
                        float xk = in.xv[xo + k];
                        for (int g = 0; g < gates; g++) {
                            dWxT[k * gates + g] += xk * dxp[r + g];
                        }
                        if (dx != null) {
                            float acc = 0;
                            for (int g = 0; g < gates; g++) {
                                acc += dxp[r + g] * in.wT[k * gates + g];
                            }
                            dx[xo + k] = acc;
                        }
                    }
                }
                for (int q = 0; q < dWxT.length; q++) {
                    dWxAcc[q] += dWxT[q];
                }
                return;
            }
            floats(dxpN).put(0, dxp);
            Nd4j.gemm(dxpN, in.xn.slice(t), dWx, true, false, 1.0, 1.0);  // dW_x += dxp_tᵀ x_t: [4H, B] x [B, F]
            if (dxN != null) {
                Nd4j.gemm(dxpN, in.wn, dxN, false, false, 1.0, 0.0);      // dx_t = dxp_t W_x: [B, 4H] x [4H, F]
                float[] row = new float[d.batch * f];
                floats(dxN).get(0, row);
                for (int b = 0; b < d.batch; b++) {
                    System.arraycopy(row, b * f, dx, (b * d.steps + t) * f, f);
                }
            }
        }

        /** dz for step t, and dc ← dc_{t−1}. */
        private void gateGrads(int t, float[] cPrev, int cpo, float[] dzv) {
            int hd = d.hidden, gates = 4 * hd, ao = t * d.rowsG, to = t * d.rowsH;
            for (int b = 0; b < d.batch; b++) {
                int r = ao + b * gates, rz = b * gates, q = b * hd;
                for (int j = 0; j < hd; j++) {
                    float i = act[r + j], f = act[r + hd + j], g = act[r + 2 * hd + j], o = act[r + 3 * hd + j];
                    float th = tcs[to + q + j], dhj = dh[q + j];
                    float dcj = dc[q + j] + dhj * o * (1f - th * th);
                    dzv[rz + j] = dcj * g * i * (1f - i);
                    dzv[rz + hd + j] = dcj * cPrev[cpo + q + j] * f * (1f - f);
                    dzv[rz + 2 * hd + j] = dcj * i * (1f - g * g);
                    dzv[rz + 3 * hd + j] = dhj * th * o * (1f - o);
                    dc[q + j] = dcj * f;
                }
            }
        }

        /** acc[k] += Σ_b m[b, k], summed per step in float and across steps in double. */
        private void accumulateRows(float[] m, float[] rows, double[] acc) {
            int gates = rows.length;
            java.util.Arrays.fill(rows, 0f);
            for (int b = 0; b < d.batch; b++) {
                add(rows, 0, m, b * gates, gates);
            }
            for (int k = 0; k < gates; k++) {
                acc[k] += rows[k];
            }
        }
    }

    private static void add(float[] acc, int ao, float[] x, int xo, int n) {
        for (int k = 0; k < n; k++) {
            acc[ao + k] += x[xo + k];
        }
    }

    /** y = x + a y. */
    private static void axpby(float[] x, float a, float[] y) {
        for (int k = 0; k < y.length; k++) {
            y[k] = x[k] + a * y[k];
        }
    }

    private static void scaleInto(float[] x, float a, float[] out) {
        for (int k = 0; k < x.length; k++) {
            out[k] = a * x[k];
        }
    }

    /** Σ x ⊙ y over n entries: four float partial sums per block of 4096, blocks summed in double. */
    private static double dot(float[] x, int xo, float[] y, int yo, int n) {
        double total = 0;
        for (int from = 0; from < n; from += 4096) {
            int to = Math.min(n, from + 4096);
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int k = from;
            for (; k + 3 < to; k += 4) {
                s0 += x[xo + k] * y[yo + k];
                s1 += x[xo + k + 1] * y[yo + k + 1];
                s2 += x[xo + k + 2] * y[yo + k + 2];
                s3 += x[xo + k + 3] * y[yo + k + 3];
            }
            for (; k < to; k++) {
                s0 += x[xo + k] * y[yo + k];
            }
            total += (s0 + s1) + (s2 + s3);
        }
        return total;
    }

    private static boolean anyRequiresGrad(Tensor... ts) {
        for (Tensor t : ts) {
            if (t != null && t.requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    private static float[] slice(float[] a, int from, int n) {
        return java.util.Arrays.copyOfRange(a, from, from + n);
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int k = 0; k < v.length; k++) {
            f[k] = (float) v[k];
        }
        return f;
    }

    /** The array itself when it is a C-ordered float32 array over its whole buffer, else a copy that is. */
    private static INDArray contiguous(INDArray a) {
        INDArray f = a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
        if (f.ordering() != 'c' || f.isView() || f.offset() != 0 || f.data().length() != f.length()) {
            f = f.dup('c');
        }
        return f;
    }

    /** A float view of a contiguous array's native buffer, in native byte order. */
    private static FloatBuffer floats(INDArray a) {
        return a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static float[] heap(INDArray a) {
        INDArray c = contiguous(a);
        float[] out = new float[(int) c.length()];
        floats(c).get(0, out);
        return out;
    }

    private static INDArray nativeOf(float[] v, long[] shape) {
        INDArray a = Nd4j.create(DataType.FLOAT, shape, 'c');
        floats(a).put(0, v);
        return a;
    }
}
