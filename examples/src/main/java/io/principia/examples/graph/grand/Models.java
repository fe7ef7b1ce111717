package io.principia.examples.graph.grand;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.principia.core.nn.Module;
import io.principia.core.optim.Adam;
import io.principia.core.optim.Adamax;
import io.principia.core.optim.Optimizer;
import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;
import io.principia.graph.grand.Grand;
import io.principia.graph.grand.GrandConfig;
import io.principia.graph.nn.Gat;
import io.principia.graph.nn.Gcn;

/**
 * The models the GRAND experiments compare, with their optimizer settings. GRAND and GRAND++
 * take the reference's tuned learning rate and weight decay per dataset (spec §1.5). The optimizer
 * is Adam for every model unless the tuned optimizer is asked for ({@code --optimizer tuned}): then
 * GRAND and GRAND++ use the reference's per-dataset choice, Adamax on Cora and Adam on CiteSeer
 * and Photo.
 */
enum Models {
    GCN("gcn"), GAT("gat"), GRAND("grand"), GRAND_PP("grand++"), GRAND_NL("grand-nl"), GRAND_PP_NL("grand++-nl"),
    /** GRAND++-l with the released code's source nodes (the seed-12345 split's training nodes, spec 1.6). */
    GRAND_PP_RC("grand++-rc");

    final String id;

    Models(String id) { this.id = id; }

    boolean isGrand() { return this != GCN && this != GAT; }

    boolean hasSource() { return this == GRAND_PP || this == GRAND_PP_NL || this == GRAND_PP_RC; }

    /** Whether the source nodes are the released code's seed-12345 ones whatever the run's setting. */
    boolean releasedCodeSource() { return this == GRAND_PP_RC; }

    static Models parse(String s) {
        for (Models m : values()) {
            if (m.id.equals(s.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown model '" + s + "', expected one of gcn, gat, grand, grand++, grand-nl, grand++-nl, grand++-rc");
    }

    /** The reference's tuned GRAND settings for a dataset (rk4 at step 1 here). */
    static GrandConfig grandDefaults(String dataset) {
        return switch (dataset) {
            case "cora" -> GrandConfig.cora();
            case "citeseer" -> GrandConfig.citeseer();
            case "photo" -> GrandConfig.photo();
            default -> throw new IllegalArgumentException("no GRAND settings for dataset '" + dataset + "'");
        };
    }

    /** Learning rate and weight decay of GRAND on a dataset (spec §1.5), or of the GCN/GAT papers. */
    double[] lrAndDecay(String dataset) {
        if (this == GCN) {
            return new double[] {0.01, 5e-4};
        }
        if (this == GAT) {
            return new double[] {0.005, 5e-4};
        }
        return switch (dataset) {
            case "cora" -> new double[] {0.02292, 0.005077};
            case "citeseer" -> new double[] {0.008636, 0.1};
            case "photo" -> new double[] {0.005561, 0.004708};
            default -> throw new IllegalArgumentException("no GRAND settings for dataset '" + dataset + "'");
        };
    }

    /** A built model and its optimizer. */
    record Built(NodeModel model, Optimizer optimizer, String settings) {}

    /**
     * @param grand the GRAND settings (diffusion is set here from the model kind)
     * @param source GRAND++'s source nodes
     * @param tunedOptimizer GRAND's tuned optimizer for the dataset instead of Adam (GRAND models only)
     */
    Built build(NodeData d, GrandConfig grand, int[] source, long seed, boolean tunedOptimizer) {
        Rng rng = new Rng(seed);
        double[] lw = lrAndDecay(d.name());
        NodeModel m;
        String settings;
        switch (this) {
            case GCN -> {
                Gcn gcn = new Gcn(d.numFeatures(), 16, d.numClasses(), 0.5, rng, DataType.FLOAT);
                m = simple(gcn, () -> gcn.forward(d.graph(), d.rowNormalized()));
                settings = "GCN 16 hidden, dropout 0.5";
            }
            case GAT -> {
                Gat gat = new Gat(d.numFeatures(), 8, 8, d.numClasses(), 1, 0.6, rng, DataType.FLOAT);
                m = simple(gat, () -> gat.forward(d.graph(), d.rowNormalized()));
                settings = "GAT 8x8 hidden, dropout 0.6";
            }
            default -> {
                grand.diffusion(this == GRAND_NL || this == GRAND_PP_NL ? GrandConfig.Diffusion.NONLINEAR_ATTENTION
                        : GrandConfig.Diffusion.LINEAR_ATTENTION);
                grand.x0Source(grand.x0Source() && !hasSource()); // GRAND++ runs use --nox0
                Grand g = new Grand(grand, d.graph(), d.numFeatures(), d.numClasses(), hasSource() ? source : null, rng, DataType.FLOAT);
                m = grandModel(g, d);
                settings = (hasSource() ? "GRAND++-" : "GRAND-") + grand.describe().substring("GRAND-".length())
                        + (releasedCodeSource() ? ", released-code source nodes" : "");
            }
        }
        boolean adamax = tunedOptimizer && isGrand() && d.name().equals("cora");
        Optimizer opt = adamax
                ? new Adamax(m.module().namedParameters(), lw[0], 0.9, 0.999, 1e-8, lw[1])
                : new Adam(m.module().namedParameters(), lw[0], 0.9, 0.999, 1e-8, lw[1], false);
        return new Built(m, opt, String.format(Locale.ROOT, "%s; %s lr %s wd %s", settings, adamax ? "Adamax" : "Adam", lw[0], lw[1]));
    }

    private static NodeModel simple(Module module, java.util.function.Supplier<Tensor> forward) {
        return new NodeModel() {
            @Override
            public Module module() { return module; }

            @Override
            public Tensor logits() { return forward.get(); }
        };
    }

    private static NodeModel grandModel(Grand g, NodeData d) {
        return new NodeModel() {
            @Override
            public Module module() { return g; }

            @Override
            public Tensor logits() { return g.forward(d.raw()); }

            @Override
            public List<INDArray> logitsOverTime(double[] times) {
                double[] all = new double[times.length + 1];
                System.arraycopy(times, 0, all, 1, times.length);
                Tensor traj = g.trajectory(g.encode(d.raw()), all); // [T+1, N, d]
                List<INDArray> out = new ArrayList<>();
                for (int k = 1; k < all.length; k++) {
                    out.add(g.decode(traj.slice(0, k, k + 1).squeeze(0)).data());
                }
                return out;
            }

            @Override
            public double time() { return g.config().time(); }
        };
    }
}
