package io.principia.recurrent;

import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.principia.core.autograd.Grad;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.HeapFloats;

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
 * No array is allocated per step (except the input gradient's row buffers when x needs one). Kept for the backward: the activations [T, 4H, B], c and tanh c
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

    /** Whether the flat arrays of T steps (T + 1 for the hidden states) of B × 4H, and x [B, T, F], fit in Java arrays. */
    static boolean fits(long steps, long batch, long hidden, long features) {
        long limit = Integer.MAX_VALUE - 16;
        return (steps + 1) * batch * 4 * hidden <= limit && steps * batch * features <= limit;
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
        if (!fits(d.steps, d.batch, d.hidden, d.features)) {
            throw new IllegalArgumentException("LstmSequence: " + d.steps + " steps of [" + d.batch + ", " + 4 * d.hidden
                    + "] exceed a Java array; run the per-step cell instead");
        }
        int n4 = d.n4, n1 = d.n1, B = d.batch, H = d.hidden;
        requireShape("h", h0, B, H);
        requireShape("c", c0, B, H);
        if (m != null) {
            requireShape("v", m.v0(), B, 4 * H);
        }
        Input in = new Input(x.data(), wx.data(), heap(bx.data()), d);
        INDArray uArr = contiguous(u.data());                             // [4H, H]
        float[][] bhRep = planes(perRow(heap(bh.data()), B), n1);         // b_h at every column, 4 x [H, B]
        float[] c0T = transpose(heap(c0.data()), B, H);                   // [H, B]
        float[][] v0T = m == null ? null : planes(transpose(heap(m.v0().data()), B, 4 * H), n1); // 4 x [H, B]
        float mu = m == null ? 0f : (float) m.mu().value();
        float s = m == null ? 1f : (float) m.s().value();
        boolean keep = Grad.enabled() && anyRequiresGrad(x, wx, bx, u, bh, h0, c0, m == null ? null : m.v0(),
                m == null ? null : m.mu().raw(), m == null ? null : m.s().raw());
        History hist = keep ? new History(d, m != null) : null;
        float[] hidden = new float[d.steps * n1];                         // [T, B, H], the output

        INDArray hall = Nd4j.create(DataType.FLOAT, d.steps + 1, H, B);  // [T+1, H, B]: h0ᵀ, h_1ᵀ..h_Tᵀ
        hall.slice(0).assign(h0.data().transpose());
        FloatBuffer hallBuf = floats(hall);
        INDArray z = Nd4j.create(DataType.FLOAT, 4 * H, B);              // U h_{t−1}ᵀ, [4H, B]
        FloatBuffer zBuf = floats(z);
        float[][] zp = new float[4][n1], a = new float[4][n1];
        float[][] v = m == null ? null : new float[4][n1], vPrev = m == null ? null : copy(v0T);
        float[] c = new float[n1], cPrev = c0T.clone(), tc = new float[n1], h = new float[n1];
        for (int t = 0; t < d.steps; t++) {
            Nd4j.gemm(uArr, hall.slice(t), z, false, false, 1.0, 0.0); // [4H, H] x [H, B] -> [4H, B]
            for (int g = 0; g < 4; g++) {
                zBuf.get(g * n1, zp[g]);
            }
            in.project(t, a);                                             // a = xp_tᵀ = W_x x_tᵀ + b_x
            for (int g = 0; g < 4; g++) {
                if (m != null) {
                    momentum(mu, vPrev[g], s, a[g], v[g]);                // v_t = μ v_{t−1} + s xp_t; a = v_t
                }
                add3(a[g], zp[g], bhRep[g]);                              // z_t = v_t + U h_{t−1} + b_h
            }
            RationalTanh.sigmoidInPlace(a[0], 0, n1);
            RationalTanh.sigmoidInPlace(a[1], 0, n1);
            RationalTanh.tanhInPlace(a[2], 0, n1);
            RationalTanh.sigmoidInPlace(a[3], 0, n1);
            cellUpdate(a[0], a[1], a[2], cPrev, c);                       // c = f ⊙ c_{t−1} + i ⊙ g
            System.arraycopy(c, 0, tc, 0, n1);
            RationalTanh.tanhInPlace(tc, 0, n1);
            mul(a[3], tc, h);                                             // h = o ⊙ tanh c
            if (hist != null) {
                hist.save(t, a, c, tc, v);
            }
            hallBuf.put((t + 1) * n1, h);
            transposeInto(h, H, B, hidden, t * n1);                       // [H, B] -> [B, H]
            float[] sw = cPrev;
            cPrev = c;
            c = sw;
            if (m != null) {
                float[][] vs = vPrev;
                vPrev = v;
                v = vs;
            }
        }
        float[] cLast = cPrev;
        float[][] vLast = vPrev;

        FinalGrads fin = new FinalGrads();
        Tensor out = Tensor.result("lstm_sequence", nativeOf(hidden, new long[] {d.steps, B, H}), g -> {
            Backward b = new Backward(d, in, hist, c0T, v0T, uArr, hall, mu, s, x.requiresGrad());
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
                    m.v0().accumulateGrad(nativeOf(transpose(joined(b.dv0), 4 * H, B), m.v0().shape()));
                }
                m.mu().accumulate(b.dMu);
                m.s().accumulate(b.dS);
            }
        }, x, wx, bx, u, bh, h0, c0, m == null ? null : m.v0(), m == null ? null : m.mu().raw(), m == null ? null : m.s().raw());

        Tensor cT = Tensor.result("lstm_sequence_c", nativeOf(transpose(cLast, H, B), c0.shape()), g -> {
            fin.dc = g;
            giveGradient(out);
        }, out);
        Tensor vT = m == null ? null : Tensor.result("lstm_sequence_v", nativeOf(transpose(joined(vLast), 4 * H, B), m.v0().shape()), g -> {
            fin.dv = g;
            giveGradient(out);
        }, out);
        return new Output(out, cT, vT);
    }

    /**
     * What the backward reads, per step in flat arrays (planes of H·B): activations (i, f, g, o),
     * c, tanh c and, with momentum, v. Copied in and out of zero-offset scratch planes, because the
     * JIT vectorizes loops over arrays indexed from 0 and not loops over offset slices (4x here).
     */
    private static final class History {
        final int n1, n4;
        final float[] act, cs, tcs, vs;

        History(Shape d, boolean momentum) {
            this.n1 = d.n1;
            this.n4 = d.n4;
            this.act = new float[d.steps * n4];
            this.cs = new float[d.steps * n1];
            this.tcs = new float[d.steps * n1];
            this.vs = momentum ? new float[d.steps * n4] : null;
        }

        void save(int t, float[][] a, float[] c, float[] tc, float[][] v) {
            for (int g = 0; g < 4; g++) {
                System.arraycopy(a[g], 0, act, t * n4 + g * n1, n1);
                if (v != null) {
                    System.arraycopy(v[g], 0, vs, t * n4 + g * n1, n1);
                }
            }
            System.arraycopy(c, 0, cs, t * n1, n1);
            System.arraycopy(tc, 0, tcs, t * n1, n1);
        }

        void loadGates(int t, float[][] a) {
            for (int g = 0; g < 4; g++) {
                System.arraycopy(act, t * n4 + g * n1, a[g], 0, n1);
            }
        }

        void loadV(int t, float[][] v) {
            for (int g = 0; g < 4; g++) {
                System.arraycopy(vs, t * n4 + g * n1, v[g], 0, n1);
            }
        }
    }

    /** The input x [B, T, F] and W_x [4H, F]: xp_tᵀ = W_x x_tᵀ + b_x in Java (small F) or through BLAS. */
    private static final class Input {
        final Shape d;
        final float[] w;        // [4H, F]
        final float[][] bxRep;  // 4 x [H, B]: b_x at every column
        final float[] xv;       // [B, T, F] (Java path)
        final float[][][] wRep; // [F][4] x [H, B]: W_x[g·H + j, f] at every column (Java path)
        final float[][] xRep;   // [F] x [H, B]: x_t[:, f] in every row (Java path, per step)
        final INDArray xT;      // [T, F, B] (BLAS path)
        final INDArray wn;      // [4H, F]
        final INDArray xpN;     // [4H, B] scratch (BLAS path)

        Input(INDArray x, INDArray wx, float[] bx, Shape d) {
            this.d = d;
            this.w = heap(wx);
            this.wn = contiguous(wx);
            this.bxRep = planes(perRow(bx, d.batch), d.n1);
            int gates = 4 * d.hidden, f = d.features;
            boolean java = f <= JAVA_INPUT_MAX;
            this.xv = java ? heap(x) : null;
            this.wRep = java ? new float[f][][] : null;
            this.xRep = java ? new float[f][d.n1] : null;
            if (java) {
                for (int k = 0; k < f; k++) {
                    float[] col = new float[gates];
                    for (int g = 0; g < gates; g++) {
                        col[g] = w[g * f + k];
                    }
                    wRep[k] = planes(perRow(col, d.batch), d.n1);
                }
            }
            this.xT = java ? null : x.castTo(DataType.FLOAT).permute(1, 2, 0).dup('c'); // [B, T, F] -> [T, F, B]
            this.xpN = java ? null : Nd4j.create(DataType.FLOAT, gates, d.batch);
        }

        /** Fills xRep with x_t (Java path): xRep[f][j·B + b] = x[b, t, f]. */
        void spread(int t) {
            int f = d.features, B = d.batch;
            for (int k = 0; k < f; k++) {
                float[] rep = xRep[k];
                for (int b = 0; b < B; b++) {
                    rep[b] = xv[(b * d.steps + t) * f + k];
                }
                for (int j = 1; j < d.hidden; j++) {
                    System.arraycopy(rep, 0, rep, j * B, B);
                }
            }
        }

        /** out[g] = plane g of xp_tᵀ. */
        void project(int t, float[][] out) {
            if (xv == null) {
                Nd4j.gemm(wn, xT.slice(t), xpN, false, false, 1.0, 0.0); // [4H, F] x [F, B] -> [4H, B]
                FloatBuffer buf = floats(xpN);
                for (int g = 0; g < 4; g++) {
                    buf.get(g * d.n1, out[g]);
                    add(out[g], bxRep[g]);
                }
                return;
            }
            spread(t);
            for (int g = 0; g < 4; g++) {
                System.arraycopy(bxRep[g], 0, out[g], 0, d.n1);
                for (int k = 0; k < d.features; k++) {
                    fma(wRep[k][g], xRep[k], out[g]);
                }
            }
        }
    }

    private static void requireShape(String name, Tensor t, long rows, long cols) {
        if (t == null || t.rank() != 2 || t.size(0) != rows || t.size(1) != cols) {
            throw new IllegalArgumentException("LSTM initial state " + name + " must be [" + rows + ", " + cols + "], got "
                    + (t == null ? "none" : java.util.Arrays.toString(t.shape())));
        }
    }

    /** The sequence node runs its backward only when its output has a gradient; a zero one will do. */
    private static void giveGradient(Tensor out) {
        if (out.gradArray() == null) {
            out.accumulateGrad(Nd4j.zeros(DataType.FLOAT, out.shape()));
        }
    }

    /** v = μ vPrev + s a, then a = v (the gates read v_t in place of xp_t). */
    private static void momentum(float mu, float[] prev, float s, float[] a, float[] v) {
        for (int k = 0; k < a.length; k++) {
            float y = mu * prev[k] + s * a[k];
            v[k] = y;
            a[k] = y;
        }
    }

    /** c = f ⊙ cPrev + i ⊙ g. */
    private static void cellUpdate(float[] i, float[] f, float[] g, float[] cPrev, float[] c) {
        for (int k = 0; k < c.length; k++) {
            c[k] = f[k] * cPrev[k] + i[k] * g[k];
        }
    }

    /** The reverse sweep; see the class comment for the equations. */
    private static final class Backward {
        final Shape d;
        final Input in;
        final History hist;
        final float[] c0;
        final float[][] v0;
        final INDArray u, hall;
        final float mu, s;
        final boolean wantDx;
        INDArray dU, dWx;                    // [4H, H], [4H, F]
        float[] dh, dc, dx;                  // [H, B], [H, B], [B, T, F]
        float[][] dv0;                       // 4 x [H, B]
        float[] dbh, dbx;                    // [4H]
        double dMu, dS;

        Backward(Shape d, Input in, History hist, float[] c0, float[][] v0, INDArray u, INDArray hall, float mu, float s,
                 boolean wantDx) {
            this.d = d;
            this.in = in;
            this.hist = hist;
            this.c0 = c0;
            this.v0 = v0;
            this.u = u;
            this.hall = hall;
            this.mu = mu;
            this.s = s;
            this.wantDx = wantDx;
        }

        void run(INDArray dHidden, INDArray dcLast, INDArray dvLast) {
            int n1 = d.n1, B = d.batch, H = d.hidden, f = d.features;
            boolean momentum = hist.vs != null;
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
            float[][][] wAcc = javaInput ? new float[f][4][n1] : null;       // Σ_t dxp_t ⊙ x_t spread
            INDArray dxpN = javaInput ? null : Nd4j.create(DataType.FLOAT, 4 * H, B);
            INDArray dxN = javaInput || !wantDx ? null : Nd4j.create(DataType.FLOAT, f, B);
            float[][] a = new float[4][n1], dz = new float[4][n1], dzAcc = new float[4][n1], dxpAcc = new float[4][n1];
            float[] th = new float[n1], cp = new float[n1], upt = new float[B * H];
            float[][] dv = momentum ? (dvLast == null ? new float[4][n1] : planes(transpose(heap(dvLast), B, 4 * H), n1)) : null;
            float[][] dxp = momentum ? new float[4][n1] : dz;
            float[][] xpt = momentum ? new float[4][n1] : null, vp = momentum ? new float[4][n1] : null;
            float[][] muAcc = momentum ? new float[4][n1] : null, sAcc = momentum ? new float[4][n1] : null;
            for (int t = d.steps - 1; t >= 0; t--) {
                up.get(t * n1, upt);
                addTransposed(upt, B, H, dh);                                // dh += upstream_tᵀ
                hist.loadGates(t, a);
                System.arraycopy(hist.tcs, t * n1, th, 0, n1);
                System.arraycopy(t == 0 ? c0 : hist.cs, t == 0 ? 0 : (t - 1) * n1, cp, 0, n1);
                gateGrads(a[0], a[1], a[2], a[3], th, cp, dh, dc, dz);
                for (int g = 0; g < 4; g++) {
                    add(dzAcc[g], dz[g]);
                    dzBuf.put(g * n1, dz[g]);
                }
                Nd4j.gemm(dzN, hall.slice(t), dU, false, true, 1.0, 1.0);  // dU += dz_tᵀ h_{t−1}: [4H, B] x [B, H]
                Nd4j.gemm(u, dzN, dhN, true, false, 1.0, 0.0);              // dh_{t−1}ᵀ = Uᵀ dz_tᵀ: [H, 4H] x [4H, B]
                dhBuf.get(0, dh);
                if (momentum) {
                    in.project(t, xpt);                                     // xp_t again (not kept)
                    if (t > 0) {
                        hist.loadV(t - 1, vp);
                    }
                    for (int g = 0; g < 4; g++) {
                        // dv_t = dz_t + μ dv_{t+1}; at t = T−1 the caller's gradient on v_T takes the place of μ dv_{t+1}
                        if (t == d.steps - 1) {
                            add(dv[g], dz[g]);
                        } else {
                            axpby(dz[g], mu, dv[g]);
                        }
                        fma(dv[g], xpt[g], sAcc[g]);
                        fma(dv[g], t > 0 ? vp[g] : v0[g], muAcc[g]);
                        scaleInto(dv[g], s, dxp[g]);                         // dxp_t = s dv_t
                    }
                }
                for (int g = 0; g < 4; g++) {
                    add(dxpAcc[g], dxp[g]);
                }
                inputGradients(t, dxp, wAcc, dxpN, dxN);
            }
            dbh = sumRows(dzAcc);
            dbx = sumRows(dxpAcc);
            if (javaInput) {
                for (int k = 0; k < f; k++) {
                    float[] col = sumRows(wAcc[k]);
                    for (int g = 0; g < 4 * H; g++) {
                        dWx.putScalar(g, k, col[g]);
                    }
                }
            }
            if (momentum) {
                dMu = total(muAcc);
                dS = total(sAcc);
                dv0 = new float[4][n1];                                      // v_1 = μ v0 + s xp_1: v0 gets μ dv_1
                for (int g = 0; g < 4; g++) {
                    scaleInto(dv[g], mu, dv0[g]);
                }
            }
        }

        /** dW_x += dxp_tᵀ x_t and dx_t = dxp_t W_x, in Java for small F, else through BLAS. */
        private void inputGradients(int t, float[][] dxp, float[][][] wAcc, INDArray dxpN, INDArray dxN) {
            int f = d.features, H = d.hidden, B = d.batch;
            if (wAcc != null) {
                in.spread(t);
                for (int k = 0; k < f; k++) {
                    for (int g = 0; g < 4; g++) {
                        fma(dxp[g], in.xRep[k], wAcc[k][g]);
                    }
                }
                if (dx != null) {
                    float[] col = new float[B];
                    for (int k = 0; k < f; k++) {
                        java.util.Arrays.fill(col, 0f);
                        for (int g = 0; g < 4; g++) {
                            for (int j = 0; j < H; j++) {
                                float wg = in.w[(g * H + j) * f + k];
                                for (int b = 0; b < B; b++) {
                                    col[b] += wg * dxp[g][j * B + b];
                                }
                            }
                        }
                        for (int b = 0; b < B; b++) {
                            dx[(b * d.steps + t) * f + k] = col[b];
                        }
                    }
                }
                return;
            }
            FloatBuffer buf = floats(dxpN);
            for (int g = 0; g < 4; g++) {
                buf.put(g * d.n1, dxp[g]);
            }
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

        /**
         * dz for one step, and dc ← dc_{t−1}; six simple loops over zero-offset planes, which the
         * JIT vectorizes (one fused loop over the same arrays ran ~4x slower).
         */
        private static void gateGrads(float[] i, float[] f, float[] g, float[] o, float[] th, float[] cp, float[] dh, float[] dc,
                                      float[][] dz) {
            int n = dc.length;
            float[] zi = dz[0], zf = dz[1], zg = dz[2], zo = dz[3];
            for (int k = 0; k < n; k++) {
                float t = th[k];
                dc[k] += dh[k] * o[k] * (1f - t * t);
            }
            for (int k = 0; k < n; k++) {
                float ov = o[k];
                zo[k] = dh[k] * th[k] * ov * (1f - ov);
            }
            for (int k = 0; k < n; k++) {
                float iv = i[k];
                zi[k] = dc[k] * g[k] * iv * (1f - iv);
            }
            for (int k = 0; k < n; k++) {
                float fv = f[k];
                zf[k] = dc[k] * cp[k] * fv * (1f - fv);
            }
            for (int k = 0; k < n; k++) {
                float gv = g[k];
                zg[k] = dc[k] * i[k] * (1f - gv * gv);
            }
            for (int k = 0; k < n; k++) {
                dc[k] *= f[k];
            }
        }

        /** Row sums of 4 planes [H, B] into [4H], each in double. */
        private float[] sumRows(float[][] p) {
            int H = d.hidden, B = d.batch;
            float[] out = new float[4 * H];
            for (int g = 0; g < 4; g++) {
                for (int j = 0; j < H; j++) {
                    double acc = 0;
                    for (int b = 0; b < B; b++) {
                        acc += p[g][j * B + b];
                    }
                    out[g * H + j] = (float) acc;
                }
            }
            return out;
        }
    }

    /** acc += x. */
    private static void add(float[] acc, float[] x) {
        for (int k = 0; k < acc.length; k++) {
            acc[k] += x[k];
        }
    }

    /** acc += x + y. */
    private static void add3(float[] acc, float[] x, float[] y) {
        for (int k = 0; k < acc.length; k++) {
            acc[k] += x[k] + y[k];
        }
    }

    /** out = x ⊙ y. */
    private static void mul(float[] x, float[] y, float[] out) {
        for (int k = 0; k < out.length; k++) {
            out[k] = x[k] * y[k];
        }
    }

    /** acc += x ⊙ y. */
    private static void fma(float[] x, float[] y, float[] acc) {
        for (int k = 0; k < acc.length; k++) {
            acc[k] += x[k] * y[k];
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

    private static double total(float[][] p) {
        double acc = 0;
        for (float[] plane : p) {
            for (float v : plane) {
                acc += v;
            }
        }
        return acc;
    }

    /** A [4·n1] array as 4 planes of n1. */
    private static float[][] planes(float[] m, int n1) {
        float[][] out = new float[4][];
        for (int g = 0; g < 4; g++) {
            out[g] = java.util.Arrays.copyOfRange(m, g * n1, (g + 1) * n1);
        }
        return out;
    }

    /** 4 planes back as one array. */
    private static float[] joined(float[][] p) {
        int n1 = p[0].length;
        float[] out = new float[4 * n1];
        for (int g = 0; g < 4; g++) {
            System.arraycopy(p[g], 0, out, g * n1, n1);
        }
        return out;
    }

    private static float[][] copy(float[][] p) {
        float[][] out = new float[p.length][];
        for (int g = 0; g < p.length; g++) {
            out[g] = p[g].clone();
        }
        return out;
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
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = m[r * cols + c];
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

    private static INDArray contiguous(INDArray a) { return HeapFloats.contiguous(a); }

    private static FloatBuffer floats(INDArray a) { return HeapFloats.buffer(a); }

    private static float[] heap(INDArray a) { return HeapFloats.of(a); }

    private static INDArray nativeOf(float[] v, long[] shape) { return HeapFloats.array(v, shape); }
}
