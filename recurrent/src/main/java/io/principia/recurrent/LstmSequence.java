package io.principia.recurrent;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
 * Inside, every per-step quantity is kept transposed, [4H, B] and [H, B], so that each gate is one
 * contiguous plane of H·B values and every elementwise loop runs the whole plane, which the JIT
 * vectorizes (loops of one row of H were 7x slower); σ and tanh are {@link RationalTanh}. A step of
 * the forward is one BLAS gemm, z_tᵀ = U h_{t−1}ᵀ ([4H, H] x [H, B]; one more for x_t W_xᵀ when F &gt; 4,
 * else Java), and the gate loops. The backward makes two gemms per step, dU += dz_tᵀ h_{t−1} and
 * dh_{t−1}ᵀ = Uᵀ dz_tᵀ, and, with a = (i, f, g, o),
 * <pre>
 *   dc  ← dc + dh ⊙ o ⊙ (1 − tanh² c_t)
 *   dz  = (dc ⊙ g ⊙ i(1−i),  dc ⊙ c_{t−1} ⊙ f(1−f),  dc ⊙ i ⊙ (1−g²),  dh ⊙ tanh c_t ⊙ o(1−o))
 *   dc_{t−1} = dc ⊙ f,   dh_{t−1} = dz U + (the caller's gradient on h_{t−1})
 *   dv_t = dz_t + μ dv_{t+1},   dxp_t = s dv_t,   ∂L/∂μ = Σ_t ⟨dv_t, v_{t−1}⟩,   ∂L/∂s = Σ_t ⟨dv_t, xp_t⟩
 *   dW_x = Σ_t dxp_tᵀ x_t,   db_x = Σ_{t,b} dxp_t,   db_h = Σ_{t,b} dz_t,   dx_t = dxp_t W_x
 * </pre>
 * Sums over steps run elementwise into [4H, B] accumulators and are reduced over B once at the end.
 * Nothing is allocated per step. Kept for the backward: the activations [T, 4H, B], c and tanh c
 * [T, H, B] (and v [T, 4H, B] with momentum) in flat Java arrays, the hidden states [T + 1, H, B]
 * natively; {@link #fits} says when those fit Java's array size.
 */
final class LstmSequence {
    private LstmSequence() {}

    /** Up to this input size x_t W_xᵀ runs in Java; above it, through BLAS. */
    static final int JAVA_INPUT_MAX = 4;

    /** MomentumLSTM's input momentum v_t = μ v_{t−1} + s xp_t from v0 [B, 4H]. */
    record Momentum(Tensor v0, Factor mu, Factor s) {}

    /** The hidden states h_1..h_T [T, B, H], the final c [B, H] and, with momentum, the final v [B, 4H]. */
    record Output(Tensor hidden, Tensor c, Tensor v) {}

    /** Whether the flat per-step arrays of T steps of B × 4H fit in Java arrays. */
    static boolean fits(long steps, long batch, long hidden) {
        return steps * batch * 4 * hidden <= Integer.MAX_VALUE - 16;
    }

    /** Gradients that the final-state nodes hand to the sequence node, which runs after them. */
    private static final class FinalGrads {
        INDArray dc;
        INDArray dv;
    }

    /** Sizes: T, B, F, H and the plane sizes n4 = 4H·B and n1 = H·B. */
    private record Shape(int steps, int batch, int features, int hidden, int n4, int n1) {
        Shape(long[] x, long hidden) {
            this((int) x[1], (int) x[0], (int) x[2], (int) hidden, (int) (x[0] * 4 * hidden), (int) (x[0] * hidden));
        }
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
        int n4 = d.n4, n1 = d.n1, B = d.batch, H = d.hidden;
        Input in = new Input(x.data(), wx.data(), heap(bx.data()), d);
        INDArray uArr = contiguous(u.data());                             // [4H, H]
        float[] bhRep = perRow(heap(bh.data()), B);                       // b_h at every column: [4H, B]
        float[] c0T = transpose(heap(c0.data()), B, H);                   // [H, B]
        float[] v0T = m == null ? null : transpose(heap(m.v0().data()), B, 4 * H); // [4H, B]
        float mu = m == null ? 0f : (float) m.mu().value();
        float s = m == null ? 1f : (float) m.s().value();
        boolean keep = Grad.enabled() && anyRequiresGrad(x, wx, bx, u, bh, h0, c0, m == null ? null : m.v0(),
                m == null ? null : m.mu().raw(), m == null ? null : m.s().raw());
        float[] act = new float[(keep ? d.steps : 1) * n4];               // [T, 4H, B] activations (i, f, g, o)
        float[] cs = new float[(keep ? d.steps : 2) * n1];                // [T, H, B] c_t (two slots when not kept)
        float[] tcs = new float[(keep ? d.steps : 1) * n1];               // [T, H, B] tanh c_t
        float[] vs = m == null ? null : new float[(keep ? d.steps : 2) * n4]; // [T, 4H, B] v_t
        float[] hidden = new float[d.steps * n1];                         // [T, B, H], the output

        INDArray hall = Nd4j.create(DataType.FLOAT, d.steps + 1, H, B);  // [T+1, H, B]: h0ᵀ, h_1ᵀ..h_Tᵀ
        hall.slice(0).assign(h0.data().transpose());
        FloatBuffer hallBuf = floats(hall);
        INDArray z = Nd4j.create(DataType.FLOAT, 4 * H, B);              // U h_{t−1}ᵀ, [4H, B]
        FloatBuffer zBuf = floats(z);
        float[] zh = new float[n4], h = new float[n1];
        for (int t = 0; t < d.steps; t++) {
            Nd4j.gemm(uArr, hall.slice(t), z, false, false, 1.0, 0.0); // [4H, H] x [H, B] -> [4H, B]
            zBuf.get(0, zh);
            int ao = keep ? t * n4 : 0;
            in.project(t, act, ao);                                       // xp_tᵀ = W_x x_tᵀ + b_x
            if (m != null) {
                int vo = (keep ? t : t % 2) * n4;
                momentum(mu, t == 0 ? v0T : vs, t == 0 ? 0 : (keep ? t - 1 : (t - 1) % 2) * n4, s, act, ao, vs, vo, n4);
            }
            int co = (keep ? t : t % 2) * n1, to = keep ? t * n1 : 0;
            gates(act, ao, zh, bhRep, t == 0 ? c0T : cs, t == 0 ? 0 : (keep ? t - 1 : (t - 1) % 2) * n1, cs, co, tcs, to, h, n1);
            hallBuf.put((t + 1) * n1, h);
            transposeInto(h, H, B, hidden, t * n1);                       // [H, B] -> [B, H]
        }
        int lastC = (keep ? d.steps - 1 : (d.steps - 1) % 2) * n1;
        int lastV = (keep ? d.steps - 1 : (d.steps - 1) % 2) * n4;

        FinalGrads fin = new FinalGrads();
        Tensor out = Tensor.result("lstm_sequence", nativeOf(hidden, new long[] {d.steps, B, H}), g -> {
            Backward b = new Backward(d, in, act, cs, tcs, vs, c0T, v0T, bhRep, uArr, hall, mu, s, x.requiresGrad());
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
                bx.accumulateGrad(nativeOf(b.dbx, bx.shape()));
            }
            if (u.requiresGrad()) {
                u.accumulateGrad(b.dU);
            }
            if (bh.requiresGrad()) {
                bh.accumulateGrad(nativeOf(b.dbh, bh.shape()));
            }
            if (h0.requiresGrad()) {
                h0.accumulateGrad(nativeOf(transpose(b.dh, H, B), h0.shape()));
            }
            if (c0.requiresGrad()) {
                c0.accumulateGrad(nativeOf(transpose(b.dc, H, B), c0.shape()));
            }
            if (m != null) {
                if (m.v0().requiresGrad()) {
                    m.v0().accumulateGrad(nativeOf(transpose(b.dv0, 4 * H, B), m.v0().shape()));
                }
                m.mu().accumulate(b.dMu);
                m.s().accumulate(b.dS);
            }
        }, x, wx, bx, u, bh, h0, c0, m == null ? null : m.v0(), m == null ? null : m.mu().raw(), m == null ? null : m.s().raw());

        Tensor cT = Tensor.result("lstm_sequence_c", nativeOf(transpose(cs, lastC, H, B), c0.shape()), g -> {
            fin.dc = g;
            giveGradient(out);
        }, out);
        Tensor vT = m == null ? null : Tensor.result("lstm_sequence_v", nativeOf(transpose(vs, lastV, 4 * H, B), m.v0().shape()), g -> {
            fin.dv = g;
            giveGradient(out);
        }, out);
        return new Output(out, cT, vT);
    }

    /** The input x [B, T, F] and W_x [4H, F]: xp_tᵀ = W_x x_tᵀ + b_x in Java (small F) or through BLAS. */
    private static final class Input {
        final Shape d;
        final float[] w;        // [4H, F]
        final float[] bxRep;    // b_x at every column, [4H, B]
        final float[] xv;       // [B, T, F] (Java path)
        final float[][] wRep;   // per f: W_x[:, f] at every column, [4H, B] (Java path)
        final float[][] xRep;   // per f: x_t[:, f] in every row, [4H, B] (Java path, per step)
        final float[] xCol;     // [B]
        final INDArray xT;      // [T, F, B] (BLAS path)
        final INDArray wn;      // [4H, F]
        final INDArray xpN;     // [4H, B] scratch (BLAS path)

        Input(INDArray x, INDArray wx, float[] bx, Shape d) {
            this.d = d;
            this.w = heap(wx);
            this.wn = contiguous(wx);
            this.bxRep = perRow(bx, d.batch);
            int gates = 4 * d.hidden, f = d.features;
            boolean java = f <= JAVA_INPUT_MAX;
            this.xv = java ? heap(x) : null;
            this.wRep = java ? new float[f][] : null;
            this.xRep = java ? new float[f][d.n4] : null;
            this.xCol = new float[d.batch];
            if (java) {
                for (int k = 0; k < f; k++) {
                    float[] col = new float[gates];
                    for (int g = 0; g < gates; g++) {
                        col[g] = w[g * f + k];
                    }
                    wRep[k] = perRow(col, d.batch);
                }
            }
            this.xT = java ? null : x.castTo(DataType.FLOAT).permute(1, 2, 0).dup('c'); // [B, T, F] -> [T, F, B]
            this.xpN = java ? null : Nd4j.create(DataType.FLOAT, gates, d.batch);
        }

        /** Fills xRep with x_t (Java path). */
        void spread(int t) {
            int f = d.features, gates = 4 * d.hidden;
            for (int k = 0; k < f; k++) {
                for (int b = 0; b < d.batch; b++) {
                    xCol[b] = xv[(b * d.steps + t) * f + k];
                }
                for (int g = 0; g < gates; g++) {
                    System.arraycopy(xCol, 0, xRep[k], g * d.batch, d.batch);
                }
            }
        }

        /** out[o..o + 4H·B) = xp_tᵀ. */
        void project(int t, float[] out, int o) {
            if (xv == null) {
                Nd4j.gemm(wn, xT.slice(t), xpN, false, false, 1.0, 0.0); // [4H, F] x [F, B] -> [4H, B]
                floats(xpN).get(0, out, o, d.n4);
                add(out, o, bxRep, 0, d.n4);
                return;
            }
            spread(t);
            System.arraycopy(bxRep, 0, out, o, d.n4);
            for (int k = 0; k < d.features; k++) {
                fma(wRep[k], xRep[k], out, o, d.n4);
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

    /** One forward step: a holds v_tᵀ on entry and the activations (i, f, g, o) on exit; planes of n1 = H·B. */
    private static void gates(float[] a, int ao, float[] zh, float[] bhRep, float[] cPrev, int cpo, float[] c, int co,
                              float[] tc, int to, float[] h, int n1) {
        for (int k = 0; k < 4 * n1; k++) {
            a[ao + k] += zh[k] + bhRep[k];
        }
        RationalTanh.sigmoidInPlace(a, ao, 2 * n1);                       // i, f
        RationalTanh.tanhInPlace(a, ao + 2 * n1, n1);                      // g
        RationalTanh.sigmoidInPlace(a, ao + 3 * n1, n1);                  // o
        int i = ao, f = ao + n1, g = ao + 2 * n1;
        for (int k = 0; k < n1; k++) {
            c[co + k] = a[f + k] * cPrev[cpo + k] + a[i + k] * a[g + k];
        }
        System.arraycopy(c, co, tc, to, n1);
        RationalTanh.tanhInPlace(tc, to, n1);
        int o = ao + 3 * n1;
        for (int k = 0; k < n1; k++) {
            h[k] = a[o + k] * tc[to + k];
        }
    }

    /** The reverse sweep; see the class comment for the equations. */
    private static final class Backward {
        final Shape d;
        final Input in;
        final float[] act, cs, tcs, vs, c0, v0, bhRep;
        final INDArray u, hall;
        final float mu, s;
        final boolean wantDx;
        INDArray dU, dWx;                    // [4H, H], [4H, F]
        float[] dh, dc, dv0, dx;             // [H, B], [H, B], [4H, B], [B, T, F]
        float[] dbh, dbx;                    // [4H]
        double dMu, dS;

        Backward(Shape d, Input in, float[] act, float[] cs, float[] tcs, float[] vs, float[] c0, float[] v0, float[] bhRep,
                 INDArray u, INDArray hall, float mu, float s, boolean wantDx) {
            this.d = d;
            this.in = in;
            this.act = act;
            this.cs = cs;
            this.tcs = tcs;
            this.vs = vs;
            this.c0 = c0;
            this.v0 = v0;
            this.bhRep = bhRep;
            this.u = u;
            this.hall = hall;
            this.mu = mu;
            this.s = s;
            this.wantDx = wantDx;
        }

        void run(INDArray dHidden, INDArray dcLast, INDArray dvLast) {
            int n4 = d.n4, n1 = d.n1, B = d.batch, H = d.hidden, f = d.features;
            FloatBuffer up = floats(dHidden);                                // [T, B, H]
            INDArray dzN = Nd4j.create(DataType.FLOAT, 4 * H, B);
            FloatBuffer dzBuf = floats(dzN);
            INDArray dhN = Nd4j.create(DataType.FLOAT, H, B);
            FloatBuffer dhBuf = floats(dhN);
            dU = Nd4j.zeros(DataType.FLOAT, 4 * H, H);
            dWx = Nd4j.zeros(DataType.FLOAT, 4 * H, f);
            dh = new float[n1];
            dc = dcLast == null ? new float[n1] : transpose(heap(dcLast), B, H);
            dx = wantDx ? new float[B * d.steps * f] : null;
            boolean javaInput = in.xv != null;
            float[][] wAcc = javaInput ? new float[f][n4] : null;            // Σ_t dxp_t ⊙ x_t spread, per f
            INDArray dxpN = javaInput ? null : Nd4j.create(DataType.FLOAT, 4 * H, B);
            INDArray dxN = javaInput || !wantDx ? null : Nd4j.create(DataType.FLOAT, f, B);
            float[] dz = new float[n4], upt = new float[B * H], dzAcc = new float[n4], dxpAcc = new float[n4];
            float[] dv = vs == null ? null : (dvLast == null ? new float[n4] : transpose(heap(dvLast), B, 4 * H));
            float[] dxp = vs == null ? dz : new float[n4];
            float[] xpt = vs == null ? null : new float[n4], muAcc = vs == null ? null : new float[n4];
            float[] sAcc = vs == null ? null : new float[n4];
            for (int t = d.steps - 1; t >= 0; t--) {
                up.get(t * n1, upt);
                addTransposed(upt, B, H, dh);                                // dh += upstream_tᵀ
                gateGrads(t, t == 0 ? c0 : cs, t == 0 ? 0 : (t - 1) * n1, dz);
                add(dzAcc, 0, dz, 0, n4);
                dzBuf.put(0, dz);
                Nd4j.gemm(dzN, hall.slice(t), dU, false, true, 1.0, 1.0);  // dU += dz_tᵀ h_{t−1}: [4H, B] x [B, H]
                Nd4j.gemm(u, dzN, dhN, true, false, 1.0, 0.0);              // dh_{t−1}ᵀ = Uᵀ dz_tᵀ: [H, 4H] x [4H, B]
                dhBuf.get(0, dh);
                if (vs != null) {
                    // dv_t = dz_t + μ dv_{t+1}; at t = T−1 the caller's gradient on v_T takes the place of μ dv_{t+1}
                    if (t == d.steps - 1) {
                        add(dv, 0, dz, 0, n4);
                    } else {
                        axpby(dz, mu, dv);
                    }
                    in.project(t, xpt, 0);                                  // xp_t again (not kept)
                    fma(dv, xpt, sAcc, 0, n4);
                    if (t > 0) {
                        fma(dv, 0, vs, (t - 1) * n4, muAcc, n4);
                    } else {
                        fma(dv, 0, v0, 0, muAcc, n4);
                    }
                    scaleInto(dv, s, dxp);                                   // dxp_t = s dv_t
                }
                add(dxpAcc, 0, dxp, 0, n4);
                inputGradients(t, dxp, wAcc, dxpN, dxN);
            }
            dbh = sumRows(dzAcc, 4 * H, B);
            dbx = sumRows(dxpAcc, 4 * H, B);
            if (javaInput) {
                for (int k = 0; k < f; k++) {
                    float[] col = sumRows(wAcc[k], 4 * H, B);
                    for (int g = 0; g < 4 * H; g++) {
                        dWx.putScalar(g, k, col[g]);
                    }
                }
            }
            if (vs != null) {
                dMu = total(muAcc);
                dS = total(sAcc);
                dv0 = new float[n4];                                         // v_1 = μ v0 + s xp_1: v0 gets μ dv_1
                scaleInto(dv, mu, dv0);
            }
        }

        /** dW_x += dxp_tᵀ x_t and dx_t = dxp_t W_x, in Java for small F, else through BLAS. */
        private void inputGradients(int t, float[] dxp, float[][] wAcc, INDArray dxpN, INDArray dxN) {
            int f = d.features, gates = 4 * d.hidden, B = d.batch;
            if (wAcc != null) {
                in.spread(t);
                for (int k = 0; k < f; k++) {
                    fma(dxp, in.xRep[k], wAcc[k], 0, d.n4);
                }
                if (dx != null) {
                    float[] col = new float[B];
                    for (int k = 0; k < f; k++) {
                        java.util.Arrays.fill(col, 0f);
                        for (int g = 0; g < gates; g++) {
                            float wg = in.w[g * f + k];
                            for (int b = 0; b < B; b++) {
                                col[b] += wg * dxp[g * B + b];
                            }
                        }
                        for (int b = 0; b < B; b++) {
                            dx[(b * d.steps + t) * f + k] = col[b];
                        }
                    }
                }
                return;
            }
            floats(dxpN).put(0, dxp);
            Nd4j.gemm(dxpN, in.xT.slice(t), dWx, false, true, 1.0, 1.0);  // dW_x += dxp_tᵀ x_t: [4H, B] x [B, F]
            if (dxN != null) {
                Nd4j.gemm(in.wn, dxpN, dxN, true, false, 1.0, 0.0);       // dx_tᵀ = W_xᵀ dxp_tᵀ: [F, 4H] x [4H, B]
                float[] cols = new float[f * B];
                floats(dxN).get(0, cols);
                for (int k = 0; k < f; k++) {
                    for (int b = 0; b < B; b++) {
                        dx[(b * d.steps + t) * f + k] = cols[k * B + b];
                    }
                }
            }
        }

        /** dz for step t (planes i, f, g, o of H·B), and dc ← dc_{t−1}. */
        private void gateGrads(int t, float[] cPrev, int cpo, float[] dzv) {
            int n1 = d.n1, ao = t * d.n4, to = t * n1;
            for (int k = 0; k < n1; k++) {
                float i = act[ao + k], f = act[ao + n1 + k], g = act[ao + 2 * n1 + k], o = act[ao + 3 * n1 + k];
                float th = tcs[to + k], dhk = dh[k];
                float dck = dc[k] + dhk * o * (1f - th * th);
                dzv[k] = dck * g * i * (1f - i);
                dzv[n1 + k] = dck * cPrev[cpo + k] * f * (1f - f);
                dzv[2 * n1 + k] = dck * i * (1f - g * g);
                dzv[3 * n1 + k] = dhk * th * o * (1f - o);
                dc[k] = dck * f;
            }
        }
    }

    private static void add(float[] acc, int ao, float[] x, int xo, int n) {
        for (int k = 0; k < n; k++) {
            acc[ao + k] += x[xo + k];
        }
    }

    /** acc[ao + k] += x[k] · y[k]. */
    private static void fma(float[] x, float[] y, float[] acc, int ao, int n) {
        for (int k = 0; k < n; k++) {
            acc[ao + k] += x[k] * y[k];
        }
    }

    /** acc[k] += x[xo + k] · y[yo + k]. */
    private static void fma(float[] x, int xo, float[] y, int yo, float[] acc, int n) {
        for (int k = 0; k < n; k++) {
            acc[k] += x[xo + k] * y[yo + k];
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

    /** Row sums of a [rows, cols] array, each in double. */
    private static float[] sumRows(float[] m, int rows, int cols) {
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            double acc = 0;
            for (int c = 0; c < cols; c++) {
                acc += m[r * cols + c];
            }
            out[r] = (float) acc;
        }
        return out;
    }

    private static double total(float[] m) {
        double acc = 0;
        for (float v : m) {
            acc += v;
        }
        return acc;
    }

    /** v [rows] repeated along a second axis of {@code cols}: [rows, cols]. */
    private static float[] perRow(float[] v, int cols) {
        float[] out = new float[v.length * cols];
        for (int r = 0; r < v.length; r++) {
            java.util.Arrays.fill(out, r * cols, (r + 1) * cols, v[r]);
        }
        return out;
    }

    /** The transpose of a [rows, cols] array. */
    private static float[] transpose(float[] m, int rows, int cols) {
        return transpose(m, 0, rows, cols);
    }

    /** The transpose of the [rows, cols] array at m[from..]. */
    private static float[] transpose(float[] m, int from, int rows, int cols) {
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = m[from + r * cols + c];
            }
        }
        return out;
    }

    /** out[o + c·rows + r] = m[r·cols + c]: writes the transpose of m [rows, cols] at out[o..]. */
    private static void transposeInto(float[] m, int rows, int cols, float[] out, int o) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[o + c * rows + r] = m[r * cols + c];
            }
        }
    }

    /** acc [H, B] += upᵀ for up [B, H]. */
    private static void addTransposed(float[] up, int rows, int cols, float[] acc) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                acc[c * rows + r] += up[r * cols + c];
            }
        }
    }

    private static boolean anyRequiresGrad(Tensor... ts) {
        for (Tensor t : ts) {
            if (t != null && t.requiresGrad()) {
                return true;
            }
        }
        return false;
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
