package io.principia.examples.graph.grand;

import io.principia.graph.grand.GrandConfig;
import io.principia.ode.Method;
import picocli.CommandLine.Option;

/** The GRAND solver and protocol options both GRAND experiments share. */
final class GrandOptions {
    @Option(names = "--method", description = "ODE solver: rk4, dopri5, euler, ... (default: ${DEFAULT-VALUE}).", defaultValue = "rk4")
    String method;

    @Option(names = "--step", description = "Step size of fixed-grid solvers, also the early-stop evaluation grid (default: ${DEFAULT-VALUE}).",
            defaultValue = "1.0")
    double step;

    @Option(names = "--rtol", description = "Relative tolerance of adaptive solvers (default: ${DEFAULT-VALUE}).", defaultValue = "1e-3")
    double rtol;

    @Option(names = "--atol", description = "Absolute tolerance of adaptive solvers (default: ${DEFAULT-VALUE}).", defaultValue = "1e-4")
    double atol;

    @Option(names = "--adjoint", description = "Gradients by the adjoint method instead of backprop through the solver.")
    boolean adjoint;

    @Option(names = "--max-steps", description = "Cap on solver steps per solve (default: ${DEFAULT-VALUE}).", defaultValue = "1000")
    int maxSteps;

    @Option(names = "--protocol", description = "final-time (test at T, best-val epoch) or early-stop (reference test-time early "
            + "stopping over (epoch, time)) (default: ${DEFAULT-VALUE}).", defaultValue = "final-time")
    String protocol;

    @Option(names = "--early-stop-factor", description = "Early-stop protocol: integrate to this multiple of T at eval (default: ${DEFAULT-VALUE}).",
            defaultValue = "3")
    double earlyStopFactor;

    @Option(names = "--released-code-source", description = "GRAND++ source nodes from the seed-12345 split, as the released code "
            + "(default: the current split's training nodes).")
    boolean releasedCodeSource;

    @Option(names = "--source-scale", description = "GRAND++ source strength s (default: ${DEFAULT-VALUE}).", defaultValue = "1.0")
    double sourceScale;

    @Option(names = "--append", description = "Keep the runs already in the run directory's runs.csv and add to them "
            + "(run a table in parts into one --out).")
    boolean append;

    @Option(names = "--x0-source", description = "Add GRAND's own beta*x0 source to the GRAND models' field (the reference's "
            + "add_source, on in its tuned Cora/CiteSeer settings); GRAND++ models keep it off, as the GRAND++ runs do (--nox0).")
    boolean x0Source;

    @Option(names = "--optimizer", description = "adam (every model; the README tables) or tuned (GRAND/GRAND++ with the "
            + "reference's tuned optimizer: Adamax on Cora, Adam on CiteSeer and Photo) (default: ${DEFAULT-VALUE}).",
            defaultValue = "adam")
    String optimizer;

    @Option(names = "--dev", description = "Development-set size of the GRAND++ split (default: ${DEFAULT-VALUE}).", defaultValue = "1500")
    int dev;

    /** The dataset's GRAND settings with these solver options and diffusion time T. */
    GrandConfig config(String dataset, double time) {
        return Models.grandDefaults(dataset).time(time).method(Method.parse(method)).stepSize(step).tolerances(rtol, atol)
                .adjoint(adjoint).maxSteps(maxSteps).sourceScale(sourceScale).x0Source(x0Source);
    }

    Protocol protocol() { return Protocol.parse(protocol); }

    boolean tunedOptimizer() { return optimizer.equals("tuned"); }

    /** Checks the values; returns the problem or null. */
    String problem() {
        try {
            Method.parse(method);
            Protocol.parse(protocol);
            new GrandConfig().stepSize(step).tolerances(rtol, atol).maxSteps(maxSteps).sourceScale(sourceScale);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (!(earlyStopFactor >= 1)) {
            return "--early-stop-factor must be >= 1, got " + earlyStopFactor;
        }
        if (!optimizer.equals("adam") && !optimizer.equals("tuned")) {
            return "--optimizer must be adam or tuned, got '" + optimizer + "'";
        }
        if (dev < 1) {
            return "--dev must be >= 1, got " + dev;
        }
        return null;
    }
}
