package io.principia.benchmarks;

import io.principia.core.autograd.Grad;
import io.principia.core.nn.functional.Normalization;
import io.principia.core.ops.Arithmetic;
import io.principia.core.ops.LinearAlgebra;
import io.principia.core.ops.Pointwise;
import io.principia.core.ops.Softmax;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import java.util.concurrent.TimeUnit;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Single ops, float32, as the autograd sees them: each invocation calls the public op once and,
 * in mode {@code forward+backward}, backpropagates a preallocated ones array through it.
 *
 * <ul>
 *   <li>{@code add}: a + b, both [R, C].
 *   <li>{@code matmul}: [R, C] x [C, C] (square 1024x1024 for the large size).
 *   <li>{@code tanh}, {@code softmax} (last axis): [R, C].
 *   <li>{@code layerNorm}: over the last axis of [R, C], with weight and bias [C], eps 1e-5.
 * </ul>
 *
 * <p>Mode {@code forward} runs under {@link Grad#off()} (no graph is recorded). Mode
 * {@code forward+backward} uses {@link Tensor#param} inputs (weight and bias included for layer
 * norm), zeroes their gradients, runs the op and calls {@code backward(ones)}; the timing covers
 * the leaves' final gradient copies too. The PyTorch counterpart is {@code benchmarks/python/ops.py};
 * {@code benchmarks/run-ops.sh} runs both and prints the ratio.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class OpBenchmark {

    @Param({"add", "matmul", "tanh", "softmax", "layerNorm"})
    public String op;

    @Param({"64x128", "1024x1024"})
    public String size;

    @Param({"forward", "forward+backward"})
    public String mode;

    private Tensor a;
    private Tensor b;
    private Tensor weight;
    private Tensor bias;
    private Tensor[] leaves;
    private INDArray ones;
    private boolean backward;
    private long[] featureShape;

    @Setup(Level.Trial)
    public void setUp() {
        String[] rc = size.split("x");
        long rows = Long.parseLong(rc[0]);
        long cols = Long.parseLong(rc[1]);
        backward = switch (mode) {
            case "forward" -> false;
            case "forward+backward" -> true;
            default -> throw new IllegalArgumentException("OpBenchmark: unknown mode '" + mode + "'");
        };
        Rng rng = new Rng(42);
        featureShape = new long[] {cols};
        a = Tensor.param(rng.normal(DataType.FLOAT, 0, 1, rows, cols)); // [R, C]
        switch (op) {
            case "add" -> {
                b = Tensor.param(rng.normal(DataType.FLOAT, 0, 1, rows, cols)); // [R, C]
                leaves = new Tensor[] {a, b};
            }
            case "matmul" -> {
                b = Tensor.param(rng.normal(DataType.FLOAT, 0, 1, cols, cols)); // [C, C]
                leaves = new Tensor[] {a, b};
            }
            case "tanh", "softmax" -> leaves = new Tensor[] {a};
            case "layerNorm" -> {
                weight = Tensor.param(rng.normal(DataType.FLOAT, 1, 0.1, cols)); // [C]
                bias = Tensor.param(rng.normal(DataType.FLOAT, 0, 0.1, cols)); // [C]
                leaves = new Tensor[] {a, weight, bias};
            }
            default -> throw new IllegalArgumentException("OpBenchmark: unknown op '" + op + "'");
        }
        try (var off = Grad.off()) {
            ones = Nd4j.onesLike(forward().data()); // the output's shape: [R, C] for every op here
        }
    }

    private Tensor forward() {
        return switch (op) {
            case "add" -> Arithmetic.add(a, b);
            case "matmul" -> LinearAlgebra.matmul(a, b);
            case "tanh" -> Pointwise.tanh(a);
            case "softmax" -> Softmax.softmax(a, -1);
            case "layerNorm" -> Normalization.layerNorm(a, featureShape, weight, bias, 1e-5);
            default -> throw new IllegalStateException(op);
        };
    }

    @Benchmark
    public INDArray run() {
        if (!backward) {
            try (var off = Grad.off()) {
                return forward().data();
            }
        }
        for (Tensor t : leaves) {
            t.zeroGrad();
        }
        forward().backward(ones);
        return a.grad();
    }
}
