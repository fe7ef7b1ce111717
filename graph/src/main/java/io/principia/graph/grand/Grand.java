package io.principia.graph.grand;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.principia.core.nn.Linear;
import io.principia.core.nn.Module;
import io.principia.core.nn.functional.Dropout;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;
import io.principia.graph.Graph;
import io.principia.graph.GraphOps;
import io.principia.graph.Normalization;
import io.principia.graph.diffusion.LaplacianDiffusion;
import io.principia.graph.diffusion.SourceAugmented;
import io.principia.graph.diffusion.SourceTerm;
import io.principia.graph.diffusion.SparseAdjacency;
import io.principia.graph.diffusion.X0Source;
import io.principia.graph.sparse.SparseMatrix;
import io.principia.ode.OdeFunction;
import io.principia.ode.OdeSolution;
import io.principia.ode.Odeint;
import io.principia.ode.SolveStats;

/**
 * GRAND (Chamberlain et al., ICML 2021) and GRAND++ (Thorpe et al., ICLR 2022) for node
 * classification (spec §1.1-1.3):
 *
 * <pre>
 *   X0     = Dropout(X, p_in) W1ᵀ + b1                       [N, d]   (no nonlinearity)
 *   GRAND:   Z(0) = X0,            dZ/dt = σ(α)(A − I) Z
 *   GRAND++: C = s·(X0 − x̄)·1_I,  Z(0) = X0 + icxb·C,  dZ/dt = σ(α)(A − I) Z + C
 *   logits = Dropout(ReLU(Z(T)), p) W2ᵀ + b2                  [N, C]
 * </pre>
 *
 * A is GRAND-l's attention from Z(0) held fixed, GRAND-nl's attention from Z(t), or the fixed
 * 'rw' adjacency ({@link GrandConfig.Diffusion}). The GRAND++ source is a constant forcing term
 * ({@link SourceForced}) under backprop, and the augmented state [Z, C] ({@link SourceAugmented})
 * under the adjoint method. GRAND's own {@code + β·x0} source ({@link X0Source}, x0 = X0 detached)
 * is added to the field when {@link GrandConfig#x0Source} is on (GRAND++'s {@code --nox0} runs
 * switch it off). The graph given is symmetric; self-loops are added here.
 */
public final class Grand extends Module {
    public final Linear encoder;
    public final Linear decoder;
    private final GrandConfig config;
    private final Graph graph;
    private final EdgeAttention attention;
    private final LaplacianDiffusion laplacian;
    private final AttentionDiffusion nonlinear;
    private final SparseAdjacency rw;
    private final INDArray sourceMask;
    private final Rng rng;
    private SolveStats lastStats;

    /**
     * @param graph       symmetric edges (self-loops are replaced by ones of the configured weight)
     * @param sourceNodes GRAND++'s source set I (usually the training nodes), or null for GRAND
     */
    public Grand(GrandConfig config, Graph graph, int inFeatures, int numClasses, int[] sourceNodes, Rng rng, DataType dtype) {
        this.config = config;
        Graph plain = GraphOps.removeSelfLoops(graph);
        this.graph = config.selfLoopWeight() > 0 ? GraphOps.addSelfLoops(plain) : plain;
        this.encoder = registerModule("m1", new Linear(inFeatures, config.hidden(), true, rng, dtype));
        boolean attends = config.diffusion() != GrandConfig.Diffusion.FIXED_RW;
        this.attention = attends
                ? new EdgeAttention(config.hidden(), config.attentionDim(), config.heads(), config.normalize(), rng, dtype) : null;
        if (config.diffusion() == GrandConfig.Diffusion.NONLINEAR_ATTENTION) {
            this.nonlinear = registerModule("odefunc", new AttentionDiffusion(this.graph, attention, config.x0Source(), dtype));
            this.laplacian = null;
            this.rw = null;
        } else {
            this.nonlinear = null;
            this.rw = attends ? null : SparseAdjacency.of(this.graph, Normalization.columnStochastic(this.graph, baseWeights()), dtype);
            this.laplacian = registerModule("odefunc", new LaplacianDiffusion(rw, config.x0Source(), dtype));
            if (attends) {
                registerModule("attention", attention);
            }
        }
        this.decoder = registerModule("m2", new Linear(config.hidden(), numClasses, true, rng, dtype));
        this.sourceMask = sourceNodes == null ? null : mask(sourceNodes, graph.numNodes(), dtype);
        this.rng = rng;
    }

    public GrandConfig config() { return config; }

    /** The graph the diffusion runs on (with self-loops when the self-loop weight is positive). */
    public Graph diffusionGraph() { return graph; }

    /** Whether this is GRAND++ (a source set was given). */
    public boolean hasSource() { return sourceMask != null; }

    /** The solver statistics of the latest solve (NFE, steps). */
    public SolveStats lastStats() { return lastStats; }

    /** Logits [N, C] at time T from sparse features [N, F]. */
    public Tensor forward(SparseMatrix x) {
        return decode(finalState(encode(x)));
    }

    /** Logits [N, C] at time T from dense features [N, F]. */
    public Tensor forward(Tensor x) {
        return decode(finalState(encode(x)));
    }

    /** X0 = Dropout(X) W1ᵀ + b1 from sparse features: [N, d]. */
    public Tensor encode(SparseMatrix x) {
        checkFeatures(x.rows(), x.cols());
        Tensor h = x.dropout(config.inputDropout(), isTraining(), rng).matmul(encoder.weight.transpose(0, 1)); // [N, F] @ [F, d]
        return h.add(encoder.bias); // [N, d]
    }

    /** X0 from dense features: [N, d]. */
    public Tensor encode(Tensor x) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException("Grand: features must be [N, F], got " + Arrays.toString(x.shape()));
        }
        checkFeatures(x.size(0), x.size(1));
        return encoder.forward(Dropout.dropout(x, config.inputDropout(), isTraining(), rng)); // [N, d]
    }

    /** Dropout(ReLU(z)) W2ᵀ + b2: logits [N, C]. */
    public Tensor decode(Tensor z) {
        return decoder.forward(Dropout.dropout(z.relu(), config.dropout(), isTraining(), rng)); // [N, C]
    }

    /** Z(T) [N, d]. */
    public Tensor finalState(Tensor x0) {
        Tensor traj = trajectory(x0, 0.0, config.time()); // [2, N, d]
        return traj.slice(0, 1, 2).squeeze(0);
    }

    /**
     * Z at each of {@code times} (the first is the start, 0): [T, N, d]. The GRAND++ source and the
     * GRAND-l attention are computed from x0 once per call.
     */
    public Tensor trajectory(Tensor x0, double... times) {
        if (times.length < 2 || times[0] != 0.0) {
            throw new IllegalArgumentException("Grand.trajectory: times must start at 0 and have at least two entries, got "
                    + Arrays.toString(times));
        }
        Tensor z0 = x0;
        Tensor source = null;
        if (sourceMask != null) {
            source = SourceTerm.centered(x0, sourceMask, config.sourceScale()); // [N, d]
            z0 = x0.add(source.mul(config.icxb()));
        }
        OdeFunction field;
        List<Tensor> adjointParams = new ArrayList<>();
        Tensor w = null, wLeaf = null;
        if (nonlinear != null) {
            field = nonlinear;
        } else {
            if (attention != null) {
                w = attention.weights(graph, z0); // [E], fixed during this solve
                // The adjoint differentiates leaves only: it sees a detached copy, whose gradient is handed back to w below.
                wLeaf = config.adjoint() ? Tensor.param(w.data()) : w;
                adjointParams.add(wLeaf);
                field = laplacian.on(new SparseAdjacency(graph, wLeaf)); // this solve's A
            } else {
                field = laplacian;
            }
        }
        if (config.x0Source()) {
            field = (nonlinear != null ? nonlinear.x0Source() : laplacian.x0Source()).around(field, x0); // + β·x0, this solve's x0
        }
        adjointParams.addAll(field.parameters());
        Tensor y0 = z0;
        boolean augmented = source != null && config.adjoint();
        if (augmented) {
            field = new SourceAugmented(field);
            y0 = SourceAugmented.initialState(z0, source); // [2, N, d]
        } else if (source != null) {
            field = new SourceForced(field, source);
        }
        Odeint ode = Odeint.of(field).method(config.method()).maxSteps(config.maxSteps());
        if (config.method().adaptive()) {
            ode.tolerances(config.rtol(), config.atol());
        } else {
            ode.stepSize(config.stepSize());
        }
        Tensor ys; // [T, N, d] or [T, 2, N, d]
        if (config.adjoint() && w != null) {
            ys = adjointThroughAttention(ode.adjoint().adjointParams(adjointParams), y0, w, wLeaf, times);
        } else {
            if (config.adjoint()) {
                ode.adjoint().adjointParams(adjointParams);
            }
            OdeSolution sol = ode.solve(y0, times);
            lastStats = sol.stats();
            ys = sol.ys();
        }
        return augmented ? ys.slice(1, 0, 1).squeeze(1) : ys; // [T, N, d]
    }

    /**
     * An adjoint solve from a detached y0 with the detached attention weights wLeaf; its backward
     * runs the adjoint backward and passes the leaves' gradients on to y0 and w (whose graph
     * reaches the encoder and the attention's Q and K).
     */
    private Tensor adjointThroughAttention(Odeint ode, Tensor y0, Tensor w, Tensor wLeaf, double[] times) {
        Tensor y0Leaf = Tensor.param(y0.data());
        OdeSolution sol = ode.solve(y0Leaf, times);
        lastStats = sol.stats();
        Tensor inner = sol.ys();
        return Tensor.result("grand_adjoint", inner.data(), g -> {
            inner.backward(g);
            if (y0Leaf.grad() != null) {
                y0.accumulateGrad(y0Leaf.grad());
            }
            if (wLeaf.grad() != null) {
                w.accumulateGrad(wLeaf.grad());
            }
        }, y0, w);
    }

    /** The current A's edge weights [E] for state x ([N, d]); the 'rw' weights for the fixed adjacency. */
    public Tensor edgeWeights(Tensor x) {
        return attention == null ? rw.weights() : attention.weights(graph, x);
    }

    private double[] baseWeights() {
        double[] w = new double[graph.numEdges()];
        for (int e = 0; e < w.length; e++) {
            w[e] = graph.source(e) == graph.target(e) ? config.selfLoopWeight() : 1.0;
        }
        return w;
    }

    private void checkFeatures(long n, long f) {
        if (n != graph.numNodes() || f != encoder.inFeatures) {
            throw new IllegalArgumentException("Grand: features must be [" + graph.numNodes() + ", " + encoder.inFeatures + "], got ["
                    + n + ", " + f + "]");
        }
    }

    private static INDArray mask(int[] nodes, int n, DataType dtype) {
        if (nodes.length == 0) {
            throw new IllegalArgumentException("Grand: the GRAND++ source set is empty; pass null for GRAND");
        }
        double[] m = new double[n];
        for (int i : nodes) {
            if (i < 0 || i >= n) {
                throw new IllegalArgumentException("Grand: source node " + i + " is outside [0, " + n + ")");
            }
            if (m[i] != 0) {
                throw new IllegalArgumentException("Grand: source node " + i + " is listed twice");
            }
            m[i] = 1;
        }
        return Nd4j.createFromArray(m).castTo(dtype);
    }
}
