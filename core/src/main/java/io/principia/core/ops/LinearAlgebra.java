package io.principia.core.ops;

import io.principia.core.tensor.Broadcast;
import io.principia.core.tensor.Tensor;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Matrix products: matmul (batched, with broadcast batch axes) and the fused affine map. */
public final class LinearAlgebra {
    private LinearAlgebra() {}

    /**
     * {@code a @ b}: [M, K] x [K, N] -> [M, N], or batched [..., M, K] x [..., K, N] -> [..., M, N]
     * with NumPy broadcasting over the batch axes. A rank-1 operand is not promoted; reshape it.
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        Arithmetic.checkDtypes("matmul", a, b);
        long[] as = a.shape(), bs = b.shape();
        if (as.length < 2 || bs.length < 2) {
            throw new IllegalArgumentException("matmul: both operands need rank >= 2, got " + Arrays.toString(as)
                    + " and " + Arrays.toString(bs));
        }
        if (as[as.length - 1] != bs[bs.length - 2]) {
            throw new IllegalArgumentException("matmul: inner sizes differ: " + Arrays.toString(as) + " x "
                    + Arrays.toString(bs) + " (" + as[as.length - 1] + " vs " + bs[bs.length - 2] + ")");
        }
        if (Arrays.stream(as).limit(as.length - 1).anyMatch(d -> d == 0) || Arrays.stream(bs).limit(bs.length - 2).anyMatch(d -> d == 0)
                || bs[bs.length - 1] == 0) {
            throw new IllegalArgumentException("matmul: the product of " + Arrays.toString(as) + " and " + Arrays.toString(bs)
                    + " would be empty");
        }
        if (as.length == 2 && bs.length == 2) {
            INDArray y = Nd4j.gemm(a.data(), b.data(), false, false); // [M, N]
            return Tensor.result("matmul", y, g -> {
                if (a.requiresGrad()) {
                    a.accumulateFreshGrad(Nd4j.gemm(g, b.data(), false, true)); // [M, N] x [N, K] -> [M, K]
                }
                if (b.requiresGrad()) {
                    b.accumulateFreshGrad(Nd4j.gemm(a.data(), g, true, false)); // [K, M] x [M, N] -> [K, N]
                }
            }, a, b);
        }
        long[] batch = Broadcast.shape("matmul (batch axes)", Arrays.copyOf(as, as.length - 2), Arrays.copyOf(bs, bs.length - 2));
        INDArray ab = broadcastBatch(a.data(), batch);
        INDArray bb = broadcastBatch(b.data(), batch);
        INDArray y = Nd4j.matmul(ab, bb); // [..., M, N]
        return Tensor.result("matmul", y, g -> {
            if (a.requiresGrad()) {
                INDArray ga = Nd4j.matmul(g, bb, null, false, true, false); // [..., M, N] x [..., N, K]
                a.accumulateGrad(Broadcast.reduceTo(ga, as));
            }
            if (b.requiresGrad()) {
                INDArray gb = Nd4j.matmul(ab, g, null, true, false, false); // [..., K, M] x [..., M, N]
                b.accumulateGrad(Broadcast.reduceTo(gb, bs));
            }
        }, a, b);
    }

    private static INDArray broadcastBatch(INDArray x, long[] batch) {
        long[] s = x.shape();
        long[] target = new long[batch.length + 2];
        System.arraycopy(batch, 0, target, 0, batch.length);
        target[batch.length] = s[s.length - 2];
        target[batch.length + 1] = s[s.length - 1];
        if (Arrays.equals(s, target)) {
            return x;
        }
        INDArray r = x;
        if (s.length < target.length) {
            long[] padded = new long[target.length];
            Arrays.fill(padded, 1);
            System.arraycopy(s, 0, padded, target.length - s.length, s.length);
            r = x.reshape(padded);
        }
        return r.broadcast(target).dup('c');
    }

    /**
     * The affine map of a dense layer, y = x Wᵀ + b, fused into one node (PyTorch layout:
     * W is [out, in], b is [out] or null). x is [..., in]; y is [..., out].
     */
    public static Tensor linear(Tensor x, Tensor w, Tensor b) {
        Arithmetic.checkDtypes("linear", x, w);
        long[] xs = x.shape();
        if (w.rank() != 2) {
            throw new IllegalArgumentException("linear: weight must be [out, in], got shape " + Arrays.toString(w.shape()));
        }
        long in = w.size(1), out = w.size(0);
        if (xs.length < 1 || xs[xs.length - 1] != in) {
            throw new IllegalArgumentException("linear: input shape " + Arrays.toString(xs) + " does not fit weight shape "
                    + Arrays.toString(w.shape()) + " (expected [..., " + in + "])");
        }
        if (b != null && (b.rank() != 1 || b.size(0) != out)) {
            throw new IllegalArgumentException("linear: bias shape " + Arrays.toString(b.shape()) + " should be [" + out + "]");
        }
        if (b != null) {
            Arithmetic.checkDtypes("linear (bias)", x, b);
        }
        if (x.length() == 0) {
            throw new IllegalArgumentException("linear: empty input of shape " + Arrays.toString(xs) + " (no rows)");
        }
        long rows = x.length() / in;
        INDArray x2 = x.data().reshape('c', rows, in); // [R, in]
        INDArray y2 = Nd4j.gemm(x2, w.data(), false, true); // [R, in] x [in, out] -> [R, out]
        if (b != null) {
            y2.addiRowVector(b.data());
        }
        long[] ys = xs.clone();
        ys[ys.length - 1] = out;
        INDArray y = y2.reshape('c', ys);
        return Tensor.result("linear", y, g -> {
            INDArray g2 = g.reshape('c', rows, out); // [R, out]
            if (x.requiresGrad()) {
                x.accumulateGrad(Nd4j.gemm(g2, w.data(), false, false).reshape('c', xs)); // [R, out] x [out, in]
            }
            if (w.requiresGrad()) {
                INDArray dw = w.takeGradBuffer(); // last step's array, overwritten (beta = 0)
                dw = dw == null ? Nd4j.gemm(g2, x2, true, false) : Nd4j.gemm(g2, x2, dw, true, false, 1.0, 0.0);
                w.accumulateFreshGrad(dw); // [out, R] x [R, in]
            }
            if (b != null && b.requiresGrad()) {
                INDArray db = b.takeGradBuffer();
                b.accumulateFreshGrad(db == null ? g2.sum(0) : g2.sum(db, 0)); // [out]
            }
        }, x, w, b);
    }
}
