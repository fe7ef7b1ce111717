package io.principia.ode;

import io.principia.core.tensor.Tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradients with respect to the integration times when solving by backprop: the solver's step
 * choices have no derivative, so the exact flow's derivatives are used instead. Moving a later
 * output time t_i moves y_i along the trajectory, dL/dt_i = g_i · f(t_i, y_i); moving the start
 * t_0 shifts the whole trajectory, dL/dt_0 = -a(t_0) · f(t_0, y_0), where a(t_0) is the gradient
 * that reaches y0 through the solve (captured by an identity op on y0 placed before it).
 */
final class TimeGradients {
    private TimeGradients() {}

    /** y0 unchanged; its backward also sends -a(t0)·f(t0, y0) to times[0]. */
    static Tensor anchorStart(Odeint ode, Tensor y0, double[] times, Tensor timeTensor, SolveStats stats) {
        return Tensor.result("ode_time_anchor", y0.data(), g -> {
            y0.accumulateGrad(g);
            stats.addNfe(1, true);
            INDArray f0 = ode.evalData(times[0], y0.data());
            double[] tg = new double[times.length];
            tg[0] = -dot(g, f0);
            timeTensor.accumulateGrad(Nd4j.createFromArray(tg).castTo(timeTensor.dtype()));
        }, y0, timeTensor);
    }

    /** The stacked outputs unchanged; the backward adds g_i · f(t_i, y_i) to each later time. */
    static Tensor tapOutputs(Odeint ode, Tensor stacked, double[] times, Tensor timeTensor, SolveStats stats) {
        return Tensor.result("ode_time_tap", stacked.data(), g -> {
            stacked.accumulateGrad(g);
            double[] tg = new double[times.length];
            for (int i = 1; i < times.length; i++) {
                stats.addNfe(1, true);
                INDArray fi = ode.evalData(times[i], stacked.data().slice(i));
                tg[i] = dot(g.slice(i), fi);
            }
            timeTensor.accumulateGrad(Nd4j.createFromArray(tg).castTo(timeTensor.dtype()));
        }, stacked, timeTensor);
    }

    static double dot(INDArray a, INDArray b) {
        return a.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).mul(b.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE))
                .sumNumber().doubleValue();
    }
}
