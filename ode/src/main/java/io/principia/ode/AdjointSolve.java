package io.principia.ode;

import io.principia.core.autograd.Grad;
import io.principia.core.autograd.Vjp;
import io.principia.core.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The adjoint method (Chen, Rubanova, Bettencourt and Duvenaud, NeurIPS 2018), with torchdiffeq's
 * augmented-state semantics. The forward solve runs without recording and keeps only y at the
 * requested times. Backward, for each interval [t_(i-1), t_i] from the last, it solves
 *
 * <pre>
 *   d/dt [y, a, θ̄] = [f(t, y), -aᵀ ∂f/∂y, -aᵀ ∂f/∂θ]
 * </pre>
 *
 * from t_i back to t_(i-1) with a(t_i) = dL/dy_i and θ̄ = 0 at the last time, then resets y to the
 * stored y_(i-1) and adds dL/dy_(i-1) to a. At t_0, a is dL/dy0 and θ̄ is dL/dθ. Memory holds one
 * step's worth of state plus the outputs, whatever the number of steps.
 */
final class AdjointSolve {
    private final Odeint ode;
    private final SolveStats stats;

    AdjointSolve(Odeint ode, SolveStats stats) {
        this.ode = ode;
        this.stats = stats;
    }

    OdeSolution run(Tensor y0, double[] times, Tensor timeTensor, List<Tensor> params) {
        INDArray ys;
        try (var off = Grad.off()) {
            List<Tensor> out = ode.integrate(y0.detach(), times, stats, false, ode.method(), ode.rtol(), ode.atol(), ErrorNorm.RMS);
            INDArray[] arrays = new INDArray[out.size()];
            for (int i = 0; i < arrays.length; i++) {
                arrays[i] = out.get(i).data();
            }
            ys = Nd4j.stack(0, arrays); // [T, *y0.shape]
        }
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(y0);
        if (timeTensor != null) {
            inputs.add(timeTensor);
        }
        inputs.addAll(params);
        Tensor result = Tensor.result("odeint_adjoint", ys, g -> backward(g, ys, y0, times, timeTensor, params),
                inputs.toArray(new Tensor[0]));
        return new OdeSolution(result, stats);
    }

    private void backward(INDArray g, INDArray ys, Tensor y0, double[] times, Tensor timeTensor, List<Tensor> params) {
        int nTimes = times.length;
        long[] shape = y0.shape();
        long n = y0.length();
        DataType dtype = y0.dtype();
        long[] lengths = new long[2 + params.size()];
        boolean[] include = new boolean[lengths.length];
        lengths[0] = n;
        lengths[1] = n;
        include[0] = true;
        include[1] = true;
        long paramLength = 0;
        for (int j = 0; j < params.size(); j++) {
            lengths[2 + j] = params.get(j).length();
            include[2 + j] = !ode.adjointSeminorm();
            paramLength += lengths[2 + j];
        }
        ErrorNorm norm = ErrorNorm.segments(lengths, include);
        VectorField augmented = new Augmented(ode.field(), shape, n, params, dtype);

        INDArray a = g.slice(nTimes - 1).dup();
        INDArray y = ys.slice(nTimes - 1);
        INDArray thetaBar = Nd4j.zeros(dtype, paramLength);
        double[] timeGrad = timeTensor != null ? new double[nTimes] : null;
        for (int i = nTimes - 1; i >= 1; i--) {
            if (timeGrad != null) {
                stats.addNfe(1, true);
                timeGrad[i] = TimeGradients.dot(g.slice(i), ode.evalData(times[i], y));
            }
            INDArray z0 = Nd4j.concat(0, y.reshape(n).castTo(dtype), a.reshape(n).castTo(dtype), thetaBar);
            INDArray z1;
            try (var off = Grad.off()) {
                List<Tensor> zs = ode.integrate(augmented, Tensor.of(z0), new double[] {times[i], times[i - 1]}, stats, true,
                        ode.adjointMethodOrDefault(), ode.adjointRtolOrDefault(), ode.adjointAtolOrDefault(), norm);
                z1 = zs.get(1).data();
            }
            a = z1.get(NDArrayIndex.interval(n, 2 * n)).reshape(shape).dup();
            thetaBar = paramLength == 0 ? thetaBar : z1.get(NDArrayIndex.interval(2 * n, 2 * n + paramLength)).dup();
            y = ys.slice(i - 1);
            if (i == 1 && timeGrad != null) {
                stats.addNfe(1, true);
                timeGrad[0] = -TimeGradients.dot(a, ode.evalData(times[0], y));
            }
            a.addi(g.slice(i - 1));
        }
        y0.accumulateGrad(a);
        long start = 0;
        for (Tensor p : params) {
            long len = p.length();
            INDArray part = thetaBar.get(NDArrayIndex.interval(start, start + len)).reshape(p.shape()).castTo(p.dtype()).dup();
            p.accumulateFreshGrad(part);
            start += len;
        }
        if (timeTensor != null) {
            timeTensor.accumulateGrad(Nd4j.createFromArray(timeGrad).castTo(timeTensor.dtype()));
        }
    }

    /** The augmented vector field on the flat state [y, a, θ̄]. */
    private record Augmented(VectorField field, long[] shape, long n, List<Tensor> params, DataType dtype)
            implements VectorField {

        @Override
        public Tensor apply(double t, Tensor z) {
            INDArray flat = z.data();
            Tensor y = Tensor.of(flat.get(NDArrayIndex.interval(0, n)).reshape(shape).dup()).requiresGrad(true);
            INDArray a = flat.get(NDArrayIndex.interval(n, 2 * n)).reshape(shape);
            Tensor fy;
            try (var on = Grad.on()) {
                fy = field.apply(t, y);
            }
            List<Tensor> inputs = new ArrayList<>(params.size() + 1);
            inputs.add(y);
            inputs.addAll(params);
            INDArray[] vjp = Vjp.of(fy, a.neg(), inputs); // -aᵀ ∂f/∂y, -aᵀ ∂f/∂θ
            INDArray[] parts = new INDArray[vjp.length + 1];
            parts[0] = fy.data().reshape(n).castTo(dtype);
            for (int j = 0; j < vjp.length; j++) {
                parts[j + 1] = vjp[j].reshape(vjp[j].length()).castTo(dtype);
            }
            return Tensor.of(Nd4j.concat(0, parts));
        }
    }
}
