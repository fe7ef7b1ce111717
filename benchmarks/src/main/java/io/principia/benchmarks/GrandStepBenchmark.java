package io.principia.benchmarks;

import io.principia.core.io.Npy;
import io.principia.core.nn.Linear;
import io.principia.core.nn.functional.Dropout;
import io.principia.core.ops.Indexing;
import io.principia.core.ops.Losses;
import io.principia.core.optim.Adam;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;
import io.principia.core.util.Seed;
import io.principia.graph.Graph;
import io.principia.graph.GraphOps;
import io.principia.graph.Normalization;
import io.principia.graph.data.GraphData;
import io.principia.graph.data.GraphDataset;
import io.principia.graph.diffusion.LaplacianDiffusion;
import io.principia.graph.diffusion.SourceAugmented;
import io.principia.graph.diffusion.SourceTerm;
import io.principia.graph.diffusion.SparseAdjacency;
import io.principia.graph.split.NodeSplit;
import io.principia.graph.split.Splits;
import io.principia.ode.Method;
import io.principia.ode.OdeSolution;
import io.principia.ode.Odeint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One full-batch training epoch of the linear GRAND++ (Thorpe et al., ICLR 2022; spec
 * graph_generative.md 1.1-1.4) on Cora's largest connected component, timed the same way as
 * {@code benchmarks/python/grand_step.py}:
 *
 * <pre>
 *   X0 = m1(Dropout(X, 0.5))                          [N, d]
 *   C  = (X0 − mean_I X0) ⊙ 1_I                        [N, d]   I = the training nodes
 *   dZ/dt = σ(α)(A − I) Z + C,  Z(0) = X0 + C          state [2, N, d] = [Z, C] over [0, T]
 *   logits = m2(Dropout(ReLU(Z(T)), 0.0469))          [N, C]
 *   loss = CE(logits[train], y[train]);  backward;  Adam step (lr 0.02292, L2 0.005077)
 * </pre>
 *
 * A is GRAND's fixed 'rw' adjacency (self-loops of weight 1, column-stochastic), applied through
 * {@link SparseAdjacency}. The solver is rk4 with {@code --step} or dopri5 with {@code --tol}
 * (rtol = atol), backprop through the solver.
 *
 * <p>{@code --write DIR} writes the problem (features, edges and weights, labels, training nodes,
 * initial weights, and the two dropout masks of the checked epoch) as .npy, so that PyTorch runs
 * the same epoch: the first ("check") epoch uses those fixed masks and its loss and NFE must match
 * the Python side's; the timed epochs draw fresh masks, as training does.
 *
 * <p>Prints {@code principia_grand_step method=... threads=... nfe=... check_loss=... median_ms=... min_ms=... max_ms=...}.
 */
public final class GrandStepBenchmark {

    static final double INPUT_DROPOUT = 0.5;
    static final double DROPOUT = 0.0469;
    static final double LR = 0.02292;
    static final double WEIGHT_DECAY = 0.005077;

    /** The model's parameters and the fixed problem data. */
    static final class Model extends io.principia.core.nn.Module {
        final Linear m1;
        final Linear m2;
        final LaplacianDiffusion diffusion;
        final SourceAugmented field;

        Model(int features, int hidden, int classes, SparseAdjacency adjacency, Rng rng) {
            m1 = registerModule("m1", new Linear(features, hidden, true, rng, DataType.FLOAT));
            m2 = registerModule("m2", new Linear(hidden, classes, true, rng, DataType.FLOAT));
            diffusion = new LaplacianDiffusion(adjacency, DataType.FLOAT);
            field = registerModule("odefunc", new SourceAugmented(diffusion));
        }
    }

    public static void main(String[] args) throws Exception {
        int hidden = MlpStepBenchmark.intArg(args, "--hidden", 80);
        int warmup = MlpStepBenchmark.intArg(args, "--warmup", 3);
        int iters = MlpStepBenchmark.intArg(args, "--iters", 10);
        int seed = MlpStepBenchmark.intArg(args, "--seed", 0);
        double time = Double.parseDouble(RnnStepBenchmark.strArg(args, "--time", "1"));
        double step = Double.parseDouble(RnnStepBenchmark.strArg(args, "--step", "0.25"));
        double tol = Double.parseDouble(RnnStepBenchmark.strArg(args, "--tol", "1e-4"));
        Method method = Method.parse(RnnStepBenchmark.strArg(args, "--method", "rk4"));
        String write = RnnStepBenchmark.strArg(args, "--write", null);
        String dataDir = RnnStepBenchmark.strArg(args, "--data", null);

        GraphData cora = GraphDataset.CORA.load(dataDir == null ? null : Path.of(dataDir)).largestComponent();
        Graph graph = GraphOps.addSelfLoops(GraphOps.removeSelfLoops(GraphOps.symmetrize(cora.graph())));
        double[] w = Normalization.columnStochastic(graph, null);
        int n = graph.numNodes();
        int[] labels = cora.labels();
        NodeSplit split = Splits.lowLabel(labels, cora.numClasses(), 1500, 20, seed);
        int[] train = split.train();
        INDArray sourceMask = Nd4j.zeros(DataType.FLOAT, n); // [N], 1 at the training (source) nodes
        for (int i : train) {
            sourceMask.putScalar(i, 1.0);
        }
        Tensor x = Tensor.of(cora.features().castTo(DataType.FLOAT)); // [N, F]
        Tensor trainIdx = Tensor.of(Nd4j.createFromArray(train));
        Tensor trainY = Tensor.of(Nd4j.createFromArray(NodeSplit.labelsOf(labels, train)).castTo(DataType.INT64));

        Seed.everything(seed);
        Rng rng = new Rng(seed);
        SparseAdjacency adjacency = SparseAdjacency.of(graph, w, DataType.FLOAT);
        Model model = new Model(cora.numFeatures(), hidden, cora.numClasses(), adjacency, rng);
        Odeint ode = Odeint.of(model.field).method(method);
        if (method.adaptive()) {
            ode.tolerances(tol, tol);
        } else {
            ode.stepSize(step);
        }
        Adam adam = new Adam(model.namedParameters(), LR, 0.9, 0.999, 1e-8, WEIGHT_DECAY, false);

        INDArray inMask = rng.bernoulli(DataType.FLOAT, 1 - INPUT_DROPOUT, n, cora.numFeatures()).muli(1 / (1 - INPUT_DROPOUT));
        INDArray outMask = rng.bernoulli(DataType.FLOAT, 1 - DROPOUT, n, hidden).muli(1 / (1 - DROPOUT));
        if (write != null) {
            Path dir = Files.createDirectories(Path.of(write));
            Npy.write(dir.resolve("x.npy"), x.data());                                         // [N, F]
            Npy.write(dir.resolve("source.npy"), Nd4j.createFromArray(graph.sources()));      // [E]
            Npy.write(dir.resolve("target.npy"), Nd4j.createFromArray(graph.targets()));      // [E]
            Npy.write(dir.resolve("weight.npy"), Nd4j.createFromArray(w).castTo(DataType.FLOAT)); // [E]
            Npy.write(dir.resolve("labels.npy"), Nd4j.createFromArray(labels));               // [N]
            Npy.write(dir.resolve("train.npy"), Nd4j.createFromArray(train));                 // [140]
            Npy.write(dir.resolve("m1_weight.npy"), model.m1.weight.data());                  // [d, F]
            Npy.write(dir.resolve("m1_bias.npy"), model.m1.bias.data());                      // [d]
            Npy.write(dir.resolve("m2_weight.npy"), model.m2.weight.data());                  // [C, d]
            Npy.write(dir.resolve("m2_bias.npy"), model.m2.bias.data());                      // [C]
            Npy.write(dir.resolve("in_mask.npy"), inMask);                                    // [N, F]
            Npy.write(dir.resolve("out_mask.npy"), outMask);                                  // [N, d]
        }

        Epoch epoch = new Epoch(model, ode, adam, x, sourceMask, trainIdx, trainY, time);
        Epoch.Result check = epoch.run(inMask, outMask, rng);
        double checkLoss2 = epoch.run(inMask, outMask, rng).loss; // the same masks after one Adam step
        for (int i = 0; i < warmup; i++) {
            epoch.run(null, null, rng);
        }
        double[] ms = new double[iters];
        int nfe = 0;
        for (int i = 0; i < iters; i++) {
            long t0 = System.nanoTime();
            nfe = epoch.run(null, null, rng).nfe;
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        System.out.printf("principia_grand_step method=%s step=%s tol=%s time=%s nodes=%d edges=%d hidden=%d threads=%s nfe=%d check_nfe=%d "
                        + "check_loss=%.7f check_loss2=%.7f median_ms=%.2f min_ms=%.2f max_ms=%.2f%n",
                method.id(), step, tol, time, n, graph.numEdges(), hidden, System.getenv().getOrDefault("OMP_NUM_THREADS", "default"),
                nfe, check.nfe, check.loss, checkLoss2, RnnStepBenchmark.median(ms), RnnStepBenchmark.min(ms),
                Arrays.stream(ms).max().orElse(Double.NaN));
    }

    /** One training epoch: forward, loss, backward, Adam step. */
    record Epoch(Model model, Odeint ode, Adam adam, Tensor x, INDArray sourceMask, Tensor trainIdx, Tensor trainY, double time) {
        record Result(double loss, int nfe) {}

        /** With fixed dropout masks (scaled, 0 or 1/(1 − p)) when given, else fresh ones from rng. */
        Result run(INDArray inMask, INDArray outMask, Rng rng) {
            adam.zeroGrad();
            Tensor xin = inMask == null ? Dropout.dropout(x, INPUT_DROPOUT, true, rng) : x.mul(Tensor.of(inMask)); // [N, F]
            Tensor x0 = model.m1.forward(xin);                                   // [N, F] x [F, d] -> [N, d]
            Tensor c = SourceTerm.centered(x0, sourceMask, 1.0);                 // [N, d]
            OdeSolution sol = ode.solve(SourceAugmented.initialState(x0.add(c), c), 0.0, time); // [2, N, d] states
            Tensor z = sol.last().slice(0, 0, 1).squeeze(0).relu();              // [N, d]
            Tensor h = outMask == null ? Dropout.dropout(z, DROPOUT, true, rng) : z.mul(Tensor.of(outMask));
            Tensor logits = model.m2.forward(h);                                 // [N, d] x [d, C] -> [N, C]
            Tensor loss = Losses.crossEntropy(Indexing.indexSelect(logits, 0, trainIdx), trainY); // mean over training nodes
            loss.backward();
            adam.step();
            return new Result(loss.item(), sol.stats().nfeForward());
        }
    }
}
