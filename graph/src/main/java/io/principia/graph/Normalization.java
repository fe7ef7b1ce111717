package io.principia.graph;

/**
 * Edge weights of a normalized adjacency, one per edge of the given graph, read as
 * {@code A[target, source]} so that {@code out[i] = Σ_{e: target_e = i} w_e x[source_e]}.
 * With D the weighted in-degree (D_ii = Σ_{e: target_e = i} a_e) and D' the out-degree:
 * <ul>
 *   <li>{@link #symmetric}: D^{-1/2} A D^{-1/2}, Kipf and Welling (2017), eq. 2 (with the
 *       self-loops already in the graph: add them first for Â = A + I).</li>
 *   <li>{@link #randomWalk}: D^{-1} A, row-stochastic (each node averages its in-neighbours).</li>
 *   <li>{@link #columnStochastic}: A D'^{-1}, GRAND's {@code rw} adjacency (1ᵀA = 1ᵀ,
 *       Chamberlain et al. 2021), which conserves Σ_i x_i under diffusion.</li>
 * </ul>
 * A node of zero degree gives its edges weight 0 (never NaN or infinity). Self-loops and
 * duplicate edges count like any other edge.
 */
public final class Normalization {
    private Normalization() {}

    /** All-ones edge weights. */
    public static double[] ones(Graph g) {
        double[] w = new double[g.numEdges()];
        java.util.Arrays.fill(w, 1.0);
        return w;
    }

    /** Weighted in-degree Σ_{e: target_e = i} a_e (a = null means all ones). */
    public static double[] inDegree(Graph g, double[] a) {
        double[] d = new double[g.numNodes()];
        for (int e = 0; e < g.numEdges(); e++) {
            d[g.target(e)] += weight(a, e, g);
        }
        return d;
    }

    /** Weighted out-degree Σ_{e: source_e = j} a_e. */
    public static double[] outDegree(Graph g, double[] a) {
        double[] d = new double[g.numNodes()];
        for (int e = 0; e < g.numEdges(); e++) {
            d[g.source(e)] += weight(a, e, g);
        }
        return d;
    }

    /** D^{-1/2} A D^{-1/2}: w_e = a_e / sqrt(deg(target_e) · deg(source_e)), deg the in-degree. */
    public static double[] symmetric(Graph g, double[] a) {
        double[] d = inDegree(g, a);
        double[] w = new double[g.numEdges()];
        for (int e = 0; e < w.length; e++) {
            double p = d[g.target(e)] * d[g.source(e)];
            w[e] = p > 0 ? weight(a, e, g) / Math.sqrt(p) : 0.0;
        }
        return w;
    }

    /** D^{-1} A: w_e = a_e / deg(target_e), rows (targets) sum to 1. */
    public static double[] randomWalk(Graph g, double[] a) {
        double[] d = inDegree(g, a);
        double[] w = new double[g.numEdges()];
        for (int e = 0; e < w.length; e++) {
            double t = d[g.target(e)];
            w[e] = t > 0 ? weight(a, e, g) / t : 0.0;
        }
        return w;
    }

    /** A D'^{-1}: w_e = a_e / outdeg(source_e), columns (sources) sum to 1. */
    public static double[] columnStochastic(Graph g, double[] a) {
        double[] d = outDegree(g, a);
        double[] w = new double[g.numEdges()];
        for (int e = 0; e < w.length; e++) {
            double s = d[g.source(e)];
            w[e] = s > 0 ? weight(a, e, g) / s : 0.0;
        }
        return w;
    }

    /** The dense matrix A[target, source] = Σ of the weights of those edges (for tests and small graphs). */
    public static double[][] dense(Graph g, double[] w) {
        double[][] m = new double[g.numNodes()][g.numNodes()];
        for (int e = 0; e < g.numEdges(); e++) {
            m[g.target(e)][g.source(e)] += weight(w, e, g);
        }
        return m;
    }

    private static double weight(double[] a, int e, Graph g) {
        if (a == null) {
            return 1.0;
        }
        if (a.length != g.numEdges()) {
            throw new IllegalArgumentException("edge weights: expected one per edge (" + g.numEdges() + "), got " + a.length);
        }
        return a[e];
    }
}
