package io.principia.graph.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.principia.core.ops.Indexing;
import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;
import io.principia.graph.Graph;
import io.principia.graph.Normalization;

class SpmmTest {
    /** 5 nodes: a duplicate edge 3->1, a self-loop 2->2, node 4 isolated. */
    static final Graph G = new Graph(5, new int[] {0, 2, 1, 3, 3, 2, 1}, new int[] {1, 1, 0, 1, 1, 2, 3});

    @Test
    void forwardEqualsTheDenseProduct() {
        Tensor x = GradCheck.randomInput(1, 5, 3);
        Tensor w = GradCheck.randomInput(2, 7);
        double[][] a = Normalization.dense(G, w.data().toDoubleVector()); // duplicates add
        INDArray expected = Nd4j.create(a).mmul(x.data()); // [5, 3]
        assertEquals(0, expected.sub(Spmm.apply(G, w, x).data()).norm2Number().doubleValue(), 1e-12);
        assertEquals(0, expected.sub(Spmm.applyIndexOps(G, w, x).data()).norm2Number().doubleValue(), 1e-12);
        INDArray unweighted = Nd4j.create(Normalization.dense(G, null)).mmul(x.data());
        assertEquals(0, unweighted.sub(Spmm.apply(G, null, x).data()).norm2Number().doubleValue(), 1e-12);
        assertEquals(0.0, Spmm.apply(G, w, x).data().getRow(4).norm2Number().doubleValue(), 0.0); // isolated node
    }

    @Test
    void multiHeadForwardIsOneDenseProductPerHead() {
        Tensor x = GradCheck.randomInput(3, 5, 2, 3); // [N, H, D]
        Tensor w = GradCheck.randomInput(4, 7, 2); // [E, H]
        INDArray y = Spmm.apply(G, w, x).data();
        for (int h = 0; h < 2; h++) {
            double[][] a = Normalization.dense(G, w.data().getColumn(h).toDoubleVector());
            INDArray expected = Nd4j.create(a).mmul(x.data().get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(h), org.nd4j.linalg.indexing.NDArrayIndex.all()).dup()); // [5, 3]
            INDArray got = y.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(h),
                    org.nd4j.linalg.indexing.NDArrayIndex.all());
            assertEquals(0, expected.sub(got).norm2Number().doubleValue(), 1e-12);
        }
        assertEquals(0, y.sub(Spmm.applyIndexOps(G, w, x).data()).norm2Number().doubleValue(), 1e-12);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Tensor x = GradCheck.randomInput(5, 5, 3);
        Tensor w = GradCheck.randomInput(6, 7);
        GradCheck.check(in -> Spmm.apply(G, in[1], in[0]), x, w);
        GradCheck.check(in -> Spmm.apply(G, null, in[0]), x);
        Tensor xh = GradCheck.randomInput(7, 5, 2, 3);
        Tensor wh = GradCheck.randomInput(8, 7, 2);
        GradCheck.check(in -> Spmm.apply(G, in[1], in[0]), xh, wh);
    }

    @Test
    void gatherOfSourceRowsHasScatterAddGradient() {
        // the gather that message passing uses: x[source_e] for every edge, repeated rows summing
        Tensor x = GradCheck.randomInput(9, 5, 3);
        GradCheck.check(in -> Indexing.indexSelect(in[0], 0, G.sources()), x);
        INDArray y = Indexing.indexSelect(x, 0, G.sources()).data();
        for (int e = 0; e < G.numEdges(); e++) {
            assertEquals(x.data().getRow(G.source(e)), y.getRow(e));
        }
    }

    @Test
    void float32FollowsTheInputType() {
        Tensor x = Tensor.of(Nd4j.rand(DataType.FLOAT, 5, 4));
        Tensor y = Spmm.apply(G, null, x);
        assertEquals(DataType.FLOAT, y.dtype());
        INDArray expected = Nd4j.create(Normalization.dense(G, null)).castTo(DataType.FLOAT).mmul(x.data());
        assertEquals(0, expected.sub(y.data()).norm2Number().doubleValue(), 1e-5);
    }

    @Test
    void float32PathAgreesWithFloat64ToFloat32Rounding() {
        // float32 inputs take the float[] kernels, which sum in float32; a feature size of 37 runs the
        // dot product's four-way unrolled body and its tail. Output and both gradients must match the
        // float64 kernels to a few float32 ulps of their magnitude.
        for (int heads : new int[] {1, 2}) {
            long[] xShape = heads == 1 ? new long[] {5, 37} : new long[] {5, heads, 37};
            long[] wShape = heads == 1 ? new long[] {7} : new long[] {7, heads};
            INDArray x32 = Nd4j.rand(DataType.FLOAT, xShape).subi(0.5);
            INDArray w32 = Nd4j.rand(DataType.FLOAT, wShape);
            INDArray g32 = Nd4j.rand(DataType.FLOAT, xShape).subi(0.5);
            Tensor xf = Tensor.param(x32.dup()), wf = Tensor.param(w32.dup());
            Tensor xd = Tensor.param(x32.castTo(DataType.DOUBLE)), wd = Tensor.param(w32.castTo(DataType.DOUBLE));
            Tensor yf = Spmm.apply(G, wf, xf);
            Tensor yd = Spmm.apply(G, wd, xd);
            yf.backward(g32);
            yd.backward(g32.castTo(DataType.DOUBLE));
            assertEquals(DataType.FLOAT, yf.dtype());
            assertClose(yd.data(), yf.data());
            assertClose(xd.grad(), xf.grad());
            assertClose(wd.grad(), wf.grad());
            assertTrue(yf.data().norm2Number().doubleValue() > 0.1 && wf.grad().norm2Number().doubleValue() > 0.01);
        }
    }

    /** Max |float64 − float32| within 1e-6 of the float64 array's largest magnitude (float32's ulp is 6e-8 of it). */
    private static void assertClose(INDArray expected64, INDArray actual32) {
        double scale = expected64.amaxNumber().doubleValue();
        double diff = expected64.sub(actual32.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-6 * scale, "float32 kernel off by " + diff + " at scale " + scale);
    }

    @Test
    void float32ReadsAViewInCOrder() {
        // a transposed (f-ordered view) input must give the same product as its C-order copy
        INDArray base = Nd4j.rand(DataType.FLOAT, 3, 5);
        Tensor view = Tensor.of(base.transpose());                 // [5, 3], not C-contiguous
        Tensor copy = Tensor.of(base.transpose().dup('c'));
        assertEquals(Spmm.apply(G, null, copy).data(), Spmm.apply(G, null, view).data());
        INDArray expected = Nd4j.create(Normalization.dense(G, null)).castTo(DataType.FLOAT).mmul(copy.data());
        assertEquals(0, expected.sub(Spmm.apply(G, null, view).data()).norm2Number().doubleValue(), 1e-5);
    }

    @Test
    void badShapesAreNamed() {
        Tensor x = GradCheck.randomInput(1, 4, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> Spmm.apply(G, null, x));
        assertTrue(e.getMessage().contains("N = 5 nodes, got [4, 3]"), e.getMessage());
        Tensor x5 = GradCheck.randomInput(1, 5, 3);
        var w = assertThrows(IllegalArgumentException.class, () -> Spmm.apply(G, GradCheck.randomInput(2, 6), x5));
        assertTrue(w.getMessage().contains("must be [7]") && w.getMessage().contains("got [6]"), w.getMessage());
    }
}
