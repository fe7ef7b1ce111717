package io.principia.recurrent;

import io.principia.core.tensor.Tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The fused GRU update (PyTorch's {@code nn.GRUCell}, gate order r, z, n), one autograd node:
 * <pre>
 *   x = W_x x_t + b_x,  q = U h_{t−1} + b_h                  both [B, 3H]
 *   r = σ(x_r + q_r),  z = σ(x_z + q_z),  n = tanh(x_n + r ⊙ q_n)
 *   h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}
 * </pre>
 * Backward, with dn = dh ⊙ (1 − z) ⊙ (1 − n²):
 * ∂L/∂x = (dr ⊙ r(1 − r), dh ⊙ (h_{t−1} − n) ⊙ z(1 − z), dn) with dr = dn ⊙ q_n;
 * ∂L/∂q = (same r and z blocks, dn ⊙ r); ∂L/∂h_{t−1} = dh ⊙ z.
 */
final class GruGates {
    private final INDArrayIndex[] rz, rBlock, zBlock, nBlock;

    GruGates(long hidden, DataType dtype) {
        this.rz = cols(0, 2 * hidden);
        this.rBlock = cols(0, hidden);
        this.zBlock = cols(hidden, 2 * hidden);
        this.nBlock = cols(2 * hidden, 3 * hidden);
    }

    private static INDArrayIndex[] cols(long from, long to) {
        return new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.interval(from, to)};
    }

    Tensor apply(Tensor x, Tensor q, Tensor hPrev) {
        INDArray xd = x.data(), qd = q.data();
        INDArray gates = Transforms.sigmoid(xd.get(rz).add(qd.get(rz)), false); // [B, 2H]: r, z
        INDArray r = gates.get(rBlock), z = gates.get(zBlock);
        INDArray qn = qd.get(nBlock);
        INDArray n = Transforms.tanh(r.mul(qn).addi(xd.get(nBlock)), false);   // [B, H]
        INDArray hMinusN = hPrev.data().sub(n);
        INDArray h = z.mul(hMinusN).addi(n);
        return Tensor.result("gru_cell", h, dh -> {
            INDArray dn = n.mul(n).rsubi(1).muli(z.rsub(1)).muli(dh);            // ∂L/∂(pre-tanh n)
            INDArray dGates = Nd4j.createUninitialized(gates.dataType(), gates.shape()); // [B, 2H]
            Nd4j.exec(new MulOp(dn, qn, dGates.get(rBlock)));                    // ∂L/∂r
            Nd4j.exec(new MulOp(dh, hMinusN, dGates.get(zBlock)));               // ∂L/∂z
            dGates.muli(gates.rsub(1).muli(gates));                              // through σ
            if (x.requiresGrad()) {
                x.accumulateGrad(Nd4j.hstack(dGates, dn));
            }
            if (q.requiresGrad()) {
                q.accumulateGrad(Nd4j.hstack(dGates, dn.mul(r)));
            }
            if (hPrev.requiresGrad()) {
                hPrev.accumulateGrad(dh.mul(z));
            }
        }, x, q, hPrev);
    }
}
