package io.principia.recurrent;

import io.principia.core.tensor.Tensor;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Padding masks for {@link Recurrent}: [B, T] arrays of 0/1, 1 where a step is real. */
public final class Masks {
    private Masks() {}

    /** The mask of right-padded sequences with the given lengths: m[b, t] = 1 for t < lengths[b]. */
    public static Tensor fromLengths(long[] lengths, long steps, DataType dtype) {
        if (steps < 1) {
            throw new IllegalArgumentException("Masks.fromLengths: steps must be >= 1, got " + steps);
        }
        double[] m = new double[(int) (lengths.length * steps)];
        for (int b = 0; b < lengths.length; b++) {
            if (lengths[b] < 0 || lengths[b] > steps) {
                throw new IllegalArgumentException("Masks.fromLengths: sequence " + b + " has length " + lengths[b]
                        + ", longer than the " + steps + " steps of the mask (or negative)");
            }
            Arrays.fill(m, (int) (b * steps), (int) (b * steps + lengths[b]), 1.0);
        }
        return Tensor.of(Nd4j.create(m, new long[] {lengths.length, steps}, 'c').castTo(dtype));
    }

    /**
     * Checks a mask against an input of {@code batch} rows and {@code steps} steps and returns it by
     * time step: null where every row is real, an empty array where every row is masked, else the
     * step's column of 0/1 values.
     */
    static double[][] check(Tensor mask, long batch, long steps) {
        long[] ms = mask.shape();
        if (ms.length != 2 || ms[0] != batch || ms[1] != steps) {
            throw new IllegalArgumentException("Recurrent: mask must be [B, T] = [" + batch + ", " + steps + "] to match the input, got "
                    + Arrays.toString(ms) + (ms.length == 2 && ms[1] < steps ? " (the sequence is longer than the mask)" : ""));
        }
        INDArray d = mask.data().castTo(DataType.DOUBLE).dup('c');
        double[] flat = d.reshape(batch * steps).toDoubleVector();
        double[][] byStep = new double[(int) steps][];
        for (int t = 0; t < steps; t++) {
            double[] col = new double[(int) batch];
            int ones = 0;
            for (int b = 0; b < batch; b++) {
                double v = flat[(int) (b * steps + t)];
                if (v != 0 && v != 1) {
                    throw new IllegalArgumentException("Recurrent: mask values must be 0 or 1, got " + v + " at [" + b + ", " + t + "]");
                }
                col[b] = v;
                ones += (int) v;
            }
            byStep[t] = ones == batch ? null : ones == 0 ? new double[0] : col;
        }
        return byStep;
    }
}
