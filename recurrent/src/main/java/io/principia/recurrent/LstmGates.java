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
 * The fused LSTM gate block and state update, PyTorch gate order (i, f, g, o):
 * <pre>
 *   z = α a + β b                      [B, 4H], e.g. (W_x x_t + b_x) + (U h_{t−1} + b_h)
 *   i = σ(z_i), f = σ(z_f), g = tanh(z_g), o = σ(z_o)
 *   c_t = f ⊙ c_{t−1} + i ⊙ g
 *   h_t = o ⊙ tanh(c_t)
 * </pre>
 * Forward: one sigmoid over the whole block with the g slice pre-doubled (tanh z = 2σ(2z) − 1),
 * so the local derivative is σ'(scale ⊙ z) ⊙ scale with scale = (1, 1, 2, 1) per block.
 *
 * <p>Two autograd nodes share one forward: c_t (inputs a, b, c_{t−1}) and h_t (input c_t). The h
 * node's backward adds dh ⊙ o ⊙ (1 − tanh² c) into dc and leaves dh ⊙ tanh c (the gradient of o)
 * for the c node, which runs after it (h depends on c) and builds the whole ∂L/∂z in closed form:
 * <pre>
 *   ∂L/∂(i, f, g, o) = (dc ⊙ g, dc ⊙ c_{t−1}, dc ⊙ i, dh ⊙ tanh c_t)
 *   ∂L/∂z = ∂L/∂(i, f, g, o) ⊙ s(1 − s) ⊙ scale²,   s = σ(scale ⊙ z)
 *   ∂L/∂c_{t−1} = dc ⊙ f,   ∂L/∂a = α ∂L/∂z,   ∂L/∂b = β ∂L/∂z
 * </pre>
 * One instance per cell caches the block indices and the scale row.
 */
final class LstmGates {
    private final long hidden;
    private final INDArray scale;   // [4H]: 1, 1, 2, 1 per block
    private final INDArray scale2;  // [4H]: 1, 1, 4, 1
    private final INDArrayIndex[] iBlock, fBlock, gBlock, oBlock;

    LstmGates(long hidden, DataType dtype) {
        this.hidden = hidden;
        this.scale = Nd4j.ones(dtype, 4 * hidden);
        scale.get(NDArrayIndex.interval(2 * hidden, 3 * hidden)).assign(2);
        this.scale2 = scale.mul(scale);
        this.iBlock = block(0);
        this.fBlock = block(1);
        this.gBlock = block(2);
        this.oBlock = block(3);
    }

    private INDArrayIndex[] block(int k) {
        return new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.interval(k * hidden, (k + 1) * hidden)};
    }

    /** Returns {h_t, c_t} for z = α a + β b; {@code b} may be null (β ignored). */
    Tensor[] apply(Tensor a, double alpha, Tensor b, double beta, Tensor cPrev) {
        INDArray s = b == null ? a.data().mul(alpha) : MomentumUpdate.combine(alpha, a.data(), beta, b.data()); // [B, 4H]
        s.muliRowVector(scale.castTo(s.dataType()));
        Transforms.sigmoid(s, false);                       // s = σ(scale ⊙ z)
        INDArray i = s.get(iBlock), f = s.get(fBlock), o = s.get(oBlock);
        INDArray g = s.get(gBlock).mul(2).subi(1);          // tanh(z_g), [B, H]
        INDArray c = f.mul(cPrev.data()).addi(i.mul(g));    // [B, H]
        INDArray tc = Transforms.tanh(c, true);
        INDArray h = o.mul(tc);
        INDArray[] dOutGate = new INDArray[1];              // dh ⊙ tanh c, left by the h node

        Tensor cT = Tensor.result("lstm_cell", c, dc -> {
            INDArray dAct = Nd4j.createUninitialized(s.dataType(), s.shape());  // ∂L/∂(i, f, g, o)
            Nd4j.exec(new MulOp(dc, g, dAct.get(iBlock)));
            Nd4j.exec(new MulOp(dc, cPrev.data(), dAct.get(fBlock)));
            Nd4j.exec(new MulOp(dc, i, dAct.get(gBlock)));
            if (dOutGate[0] != null) {
                dAct.get(oBlock).assign(dOutGate[0]);
                dOutGate[0] = null;
            } else {
                dAct.get(oBlock).assign(0);
            }
            INDArray dz = s.rsub(1).muli(s).muliRowVector(scale2.castTo(s.dataType())).muli(dAct); // [B, 4H]
            if (a.requiresGrad()) {
                a.accumulateGrad(MomentumUpdate.scaled(dz, alpha));
            }
            if (b != null && b.requiresGrad()) {
                b.accumulateGrad(MomentumUpdate.scaled(dz, beta));
            }
            if (cPrev.requiresGrad()) {
                cPrev.accumulateGrad(dc.mul(f));
            }
        }, a, b, cPrev);

        Tensor hT = Tensor.result("lstm_hidden", h, dh -> {
            dOutGate[0] = dh.mul(tc);
            cT.accumulateGrad(tc.mul(tc).rsubi(1).muli(o).muli(dh)); // dh ⊙ o ⊙ (1 − tanh² c)
        }, cT);
        return new Tensor[] {hT, cT};
    }
}
