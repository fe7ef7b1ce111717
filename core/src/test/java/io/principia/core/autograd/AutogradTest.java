package io.principia.core.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class AutogradTest {

    @Test
    void tensorUsedTwiceGetsBothContributions() {
        // y = x*x + x  =>  dy/dx = 2x + 1
        Tensor x = Tensor.param(Nd4j.createFromArray(3.0, -2.0));
        Tensor y = x.mul(x).add(x).sum();
        y.backward();
        assertEquals(7.0, x.grad().getDouble(0), 1e-12);
        assertEquals(-3.0, x.grad().getDouble(1), 1e-12);
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
        Tensor x = Tensor.param(Nd4j.createFromArray(1.5));
        x.mul(2.0).sum().backward();
        x.mul(3.0).sum().backward();
        assertEquals(5.0, x.grad().getDouble(0), 1e-12);
        x.zeroGrad();
        assertNull(x.grad());
    }

    @Test
    void sharedGradientArraysAreNotMutatedThroughAnotherTensor() {
        // add passes the same upstream array to both inputs; updating one leaf's grad in place
        // must not change the other's.
        Tensor a = Tensor.param(Nd4j.createFromArray(1.0, 2.0));
        Tensor b = Tensor.param(Nd4j.createFromArray(3.0, 4.0));
        a.add(b).sum().backward();
        a.grad().muli(10);
        assertEquals(1.0, b.grad().getDouble(0), 1e-12);
    }

    @Test
    void backwardOnNonScalarWithoutGradientIsAnError() {
        Tensor x = Tensor.param(Nd4j.createFromArray(1.0, 2.0));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.mul(2.0).backward());
        assertTrue(e.getMessage().contains("[2]"), e.getMessage());
    }

    @Test
    void explicitGradientForNonScalar() {
        Tensor x = Tensor.param(Nd4j.createFromArray(1.0, 2.0));
        x.mul(3.0).backward(Nd4j.createFromArray(1.0, 10.0));
        assertEquals(3.0, x.grad().getDouble(0), 1e-12);
        assertEquals(30.0, x.grad().getDouble(1), 1e-12);
    }

    @Test
    void noGradScopeRecordsNothing() {
        Tensor x = Tensor.param(Nd4j.createFromArray(1.0));
        Tensor y;
        try (var g = Grad.off()) {
            y = x.mul(2.0);
            assertFalse(Grad.enabled());
        }
        assertTrue(Grad.enabled());
        assertFalse(y.requiresGrad());
        assertNull(y.node());
        assertThrows(IllegalStateException.class, y::backward);
    }

    @Test
    void detachCutsTheGraph() {
        // y = x * detach(x): only the first factor carries a gradient, so dy/dx = x
        Tensor x = Tensor.param(Nd4j.createFromArray(4.0));
        x.mul(x.detach()).sum().backward();
        assertEquals(4.0, x.grad().getDouble(0), 1e-12);
    }

    @Test
    void secondBackwardThroughFreedGraphIsAClearError() {
        Tensor x = Tensor.param(Nd4j.createFromArray(1.0));
        Tensor h = x.tanh();
        Tensor l1 = h.sum();
        l1.backward();
        Tensor l2 = h.mul(2.0).sum();
        IllegalStateException e = assertThrows(IllegalStateException.class, l2::backward);
        assertTrue(e.getMessage().contains("tanh"), e.getMessage());
    }

    @Test
    void retainGraphAllowsASecondPass() {
        Tensor x = Tensor.param(Nd4j.createFromArray(0.5));
        Tensor l = x.tanh().sum();
        l.backward(Nd4j.scalar(1.0), true);
        l.backward(Nd4j.scalar(1.0), true);
        double d = 1 - Math.pow(Math.tanh(0.5), 2);
        assertEquals(2 * d, x.grad().getDouble(0), 1e-12);
    }

    @Test
    void deepChainDoesNotOverflowTheStack() {
        Tensor x = Tensor.param(Nd4j.createFromArray(1.0));
        Tensor h = x;
        for (int i = 0; i < 20000; i++) {
            h = h.mul(1.0);
        }
        h.sum().backward();
        assertEquals(1.0, x.grad().getDouble(0), 1e-12);
    }

    @Test
    void recycledGradientBuffersGiveTheSameGradientsEveryStep() {
        // linear reuses last step's weight/bias gradient arrays after zeroGrad; values must not carry over.
        Tensor x = Tensor.of(Nd4j.createFromArray(new double[][] {{1, 2}, {3, -1}}));
        Tensor w = Tensor.param(Nd4j.createFromArray(new double[][] {{0.5, -1}, {2, 0.25}, {1, 1}}));
        Tensor b = Tensor.param(Nd4j.createFromArray(0.1, 0.2, 0.3));
        org.nd4j.linalg.api.ndarray.INDArray firstW = null, firstB = null;
        for (int step = 0; step < 3; step++) {
            w.zeroGrad();
            b.zeroGrad();
            io.principia.core.ops.LinearAlgebra.linear(x, w, b).sum().backward();
            if (step == 0) {
                firstW = w.grad().dup();
                firstB = b.grad().dup();
            }
            assertEquals(firstW, w.grad());
            assertEquals(firstB, b.grad());
        }
        // dL/dW[o, i] = Σ_r x[r, i] = (4, 1) for every output row; dL/db = batch size 2
        assertEquals(4.0, w.grad().getDouble(2, 0), 1e-12);
        assertEquals(1.0, w.grad().getDouble(0, 1), 1e-12);
        assertEquals(2.0, b.grad().getDouble(1), 1e-12);
    }
}
