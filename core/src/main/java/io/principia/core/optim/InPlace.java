package io.principia.core.optim;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * In-place vector updates for optimizers. Where both arrays are dense float32/float64 buffers
 * with the same layout (element-wise stride 1, same ordering), they go straight to BLAS level 1
 * (axpy, scal, nrm2): about 1 µs a call against 10-25 µs for the same ND4J op through the op
 * executor (measured on 64×64 float32). Anything else (views, mixed orderings, half precision)
 * takes the equivalent ND4J op, so the result never depends on the layout.
 */
final class InPlace {
    private InPlace() {}

    private static boolean dense(INDArray a) {
        DataType t = a.dataType();
        return (t == DataType.FLOAT || t == DataType.DOUBLE) && a.elementWiseStride() == 1;
    }

    private static boolean blas(INDArray x, INDArray y) {
        return dense(x) && dense(y) && x.dataType() == y.dataType() && x.length() == y.length()
                && (x.ordering() == y.ordering() || x.rank() <= 1 && y.rank() <= 1);
    }

    /** y ← y + α·x */
    static void axpy(double alpha, INDArray x, INDArray y) {
        if (blas(x, y)) {
            Nd4j.getBlasWrapper().level1().axpy(x.length(), alpha, x, y);
        } else {
            Nd4j.exec(new Axpy(x, y, y, alpha));
        }
    }

    /** x ← α·x */
    static void scal(double alpha, INDArray x) {
        if (dense(x)) {
            Nd4j.getBlasWrapper().level1().scal(x.length(), alpha, x);
        } else {
            x.muli(alpha);
        }
    }

    /** out ← x + α·y (out may be x; it must not be y unless α = 0); returns out. */
    static INDArray axpyInto(INDArray x, double alpha, INDArray y, INDArray out) {
        if (out != x) {
            out.assign(x);
        }
        axpy(alpha, y, out);
        return out;
    }

    /** ‖x‖₂ */
    static double norm2(INDArray x) {
        if (dense(x)) {
            return Nd4j.getBlasWrapper().level1().nrm2(x);
        }
        return x.norm2Number().doubleValue();
    }
}
