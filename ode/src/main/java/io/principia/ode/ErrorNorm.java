package io.principia.ode;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The norm that turns a scaled error estimate (error / tolerance, elementwise) into one number
 * that step control compares with 1. The default is torchdiffeq's: the root mean square over the
 * whole state, batch included, so one step-size sequence serves the whole batch.
 */
@FunctionalInterface
public interface ErrorNorm {
    double of(INDArray scaledError);

    /** sqrt(mean(x²)) over every element. */
    ErrorNorm RMS = x -> {
        double n = x.norm2Number().doubleValue();
        return n / Math.sqrt(Math.max(1, x.length()));
    };

    /**
     * A mixed norm over a flat state made of consecutive segments: the maximum of each segment's
     * RMS. Segments of length {@code 0} are skipped; a segment whose {@code include} flag is false
     * is left out (the adjoint's "seminorm" leaves out the parameter adjoints this way).
     */
    static ErrorNorm segments(long[] lengths, boolean[] include) {
        return x -> {
            INDArray flat = x.reshape(x.length());
            double max = 0;
            long start = 0;
            for (int i = 0; i < lengths.length; i++) {
                long len = lengths[i];
                if (len > 0 && include[i]) {
                    INDArray seg = flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, start + len));
                    max = Math.max(max, seg.norm2Number().doubleValue() / Math.sqrt(len));
                }
                start += len;
            }
            return max;
        };
    }
}
