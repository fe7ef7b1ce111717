package io.principia.examples.graph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import io.principia.core.nn.Module;
import io.principia.core.optim.Adam;
import io.principia.core.tensor.Tensor;
import io.principia.core.train.BatchSource;
import io.principia.core.train.EpochLogger;
import io.principia.core.train.MetricsCsv;
import io.principia.core.train.Mode;
import io.principia.core.train.ModelCheckpoint;
import io.principia.core.train.FitResult;
import io.principia.core.train.Trainer;
import io.principia.core.util.Rng;
import io.principia.core.util.Seed;
import io.principia.examples.cli.Launcher;
import io.principia.examples.cli.TrainOptions;
import io.principia.examples.common.RunDirs;
import io.principia.graph.Graph;
import io.principia.graph.GraphOps;
import io.principia.graph.data.GraphData;
import io.principia.graph.data.GraphDataset;
import io.principia.graph.data.Linqs;
import io.principia.graph.data.MissingNodes;
import io.principia.graph.data.Planetoid;
import io.principia.graph.nn.Gat;
import io.principia.graph.nn.Gcn;
import io.principia.graph.sparse.SparseMatrix;
import io.principia.graph.split.NodeSplit;
import io.principia.graph.split.Splits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * GCN (Kipf and Welling 2017) and GAT (Veličković et al. 2018) on Cora or CiteSeer with the
 * Planetoid protocol: 20 labelled nodes per class, 500 validation and 1000 test nodes. By default
 * ({@code --split public}) the fixed split of Yang et al. 2016 that both papers report on, read from
 * the Planetoid pickles ({@link Planetoid}); {@code --split random} draws a split of the same sizes
 * from the LINQS files with {@code --split-seed}. Full batch: one step per epoch over the whole
 * graph, features row-normalized as in both papers' code. The test accuracy is that of the final
 * epoch's model.
 *
 * <p>GCN: 2 layers, 16 hidden, dropout 0.5, Adam lr 0.01, weight decay 5e-4, 200 epochs.
 * GAT: 8 heads × 8 hidden (ELU), 1 output head, dropout 0.6 on inputs and attention, Adam lr
 * 0.005, weight decay 5e-4, 200 epochs. Weight decay applies to every parameter (Kipf's GCN
 * TensorFlow code decays the first layer only).
 */
@Command(name = "gnn-planetoid", mixinStandardHelpOptions = true,
        description = "GCN and GAT node classification on Cora/CiteSeer with the Planetoid split (20 per class, 500 val, 1000 test).",
        footer = {"", "Defaults: --epochs 200; --lr 0.01 (gcn) / 0.005 (gat).",
                "Data, --split public: --data DIR holding ind.<dataset>.* (the Planetoid pickles), else <data root>/planetoid",
                "(PRINCIPIA_DATA or -Dprincipia.data), else ../shared/data/planetoid beside the checkout, else",
                "~/.cache/principia/planetoid (downloaded there).",
                "Data, --split random: --data DIR holding <dataset>.content and <dataset>.cites (LINQS), else",
                "<data root>/<dataset>, else ../shared/data/<dataset>, else ~/.cache/principia/<dataset> (Cora downloads there)."})
public final class GnnPlanetoid implements Callable<Integer> {
    public static final String NAME = "gnn-planetoid";

    @Mixin
    TrainOptions opts = new TrainOptions();

    @Option(names = "--models", split = ",", description = "Models to train, any of gcn, gat (default: ${DEFAULT-VALUE}).",
            defaultValue = "gcn,gat")
    List<String> models;

    @Option(names = "--dataset", description = "cora or citeseer (default: ${DEFAULT-VALUE}).", defaultValue = "cora")
    String dataset;

    @Option(names = "--split", description = "public (the fixed Planetoid split) or random (default: ${DEFAULT-VALUE}).",
            defaultValue = "public")
    String splitKind;

    @Option(names = "--split-seed", description = "Seed of the random Planetoid split (default: --seed).")
    Long splitSeed;

    @Option(names = "--per-class", description = "Training nodes per class (default: ${DEFAULT-VALUE}).", defaultValue = "20")
    int perClass;

    @Option(names = "--val", description = "Validation nodes (default: ${DEFAULT-VALUE}).", defaultValue = "500")
    int numVal;

    @Option(names = "--test", description = "Test nodes (default: ${DEFAULT-VALUE}).", defaultValue = "1000")
    int numTest;

    @Option(names = "--weight-decay", description = "Adam L2 weight decay (default: ${DEFAULT-VALUE}).", defaultValue = "5e-4")
    double weightDecay;

    @Override
    public Integer call() throws IOException {
        opts.validate();
        for (String m : models) {
            if (!m.equals("gcn") && !m.equals("gat")) {
                throw opts.usage("--models: unknown model '" + m + "', expected gcn or gat");
            }
        }
        if (!(weightDecay >= 0)) {
            throw opts.usage("--weight-decay must be >= 0, got " + weightDecay);
        }
        int epochs = opts.epochs(200);
        if (!splitKind.equals("public") && !splitKind.equals("random")) {
            throw opts.usage("--split must be public or random, got '" + splitKind + "'");
        }
        boolean fixed = splitKind.equals("public");
        if (fixed && (perClass != 20 || numVal != 500 || numTest != 1000 || splitSeed != null)) {
            throw opts.usage("--per-class, --val, --test and --split-seed apply to --split random only (the public split "
                    + "is fixed: 20 per class, 500 validation, 1000 test)");
        }
        if ((fixed || opts.data == null) && !dataset.equals("cora") && !dataset.equals("citeseer")) {
            throw opts.usage("--dataset must be cora or citeseer" + (fixed ? "" : " without --data") + ", got '" + dataset + "'");
        }
        long seed = splitSeed == null ? opts.seed : splitSeed;
        GraphData data;
        NodeSplit split;
        if (fixed) {
            Planetoid.Split p = Planetoid.load(opts.data, dataset);
            data = p.data().rowNormalized();
            split = p.split();
        } else {
            data = load().rowNormalized();
            try {
                split = Splits.planetoid(data.labels(), data.numClasses(), perClass, numVal, numTest, seed);
            } catch (IllegalArgumentException e) {
                throw opts.usage(e.getMessage());
            }
        }
        Graph graph = GraphOps.removeSelfLoops(GraphOps.symmetrize(data.graph()));
        SparseMatrix x = SparseMatrix.fromDense(data.features()); // [N, F], 1.3% nonzero on Cora
        Path root = RunDirs.defaultFor(NAME, opts.out);
        List<String> lines = new ArrayList<>(List.of("model,val_accuracy,test_accuracy,epochs,seconds"));
        for (String name : models) {
            Seed.everything(opts.seed);
            Rng rng = new Rng(opts.seed);
            boolean gcn = name.equals("gcn");
            double lr = opts.lr(gcn ? 0.01 : 0.005);
            Module model = gcn
                    ? new Gcn(data.numFeatures(), 16, data.numClasses(), 0.5, rng, DataType.FLOAT)
                    : new Gat(data.numFeatures(), 8, 8, data.numClasses(), 1, 0.6, rng, DataType.FLOAT);
            NodeClassificationTask task = new NodeClassificationTask(model,
                    gcn ? ((Gcn) model)::forward : ((Gat) model)::forward, graph, x);
            Trainer trainer = Trainer.builder()
                    .epochs(epochs)
                    .optimizer(new Adam(model.namedParameters(), lr, 0.9, 0.999, 1e-8, weightDecay, false))
                    .seed(opts.seed)
                    .runDir(root.resolve(name))
                    .commandLine(Launcher.arguments())
                    .defaultCallbacks(false)
                    .callbacks(new EpochLogger(0), new MetricsCsv(), new ModelCheckpoint(null, "val_loss", Mode.MIN, false),
                            new AtFitEnd())
                    .hparam("experiment", NAME).hparam("model", name).hparam("dataset", dataset)
                    .hparam("lr", lr).hparam("weight_decay", weightDecay).hparam("epochs", epochs)
                    .hparam("split", splitKind).hparam("split_seed", fixed ? "none" : Long.toString(seed)).hparam("per_class", perClass).hparam("val", numVal).hparam("test", numTest)
                    .build();
            long t0 = System.nanoTime();
            FitResult fit = trainer.fit(task, nodes(split.train(), data), nodes(split.val(), data));
            Map<String, Double> test = trainer.test(task, nodes(split.test(), data));
            double seconds = (System.nanoTime() - t0) / 1e9;
            double val = fit.metrics().getOrDefault("val_accuracy", Double.NaN);
            System.out.printf(Locale.ROOT, "%s %s: %d epoch(s), val_accuracy %.4f, test_accuracy %.4f, %.1f s; run directory %s%n",
                    NAME, name, fit.epochsRun(), val, test.get("test_accuracy"), seconds, fit.runDir());
            lines.add(String.format(Locale.ROOT, "%s,%.4f,%.4f,%d,%.1f", name, val, test.get("test_accuracy"), fit.epochsRun(), seconds));
        }
        Files.createDirectories(root);
        Files.write(root.resolve("summary.csv"), lines);
        return 0;
    }

    private GraphData load() {
        if (opts.data != null) {
            return Linqs.load(opts.data, dataset, MissingNodes.DROP_EDGES);
        }
        return switch (dataset) {
            case "cora" -> GraphDataset.CORA.load(null);
            case "citeseer" -> GraphDataset.CITESEER.load(null);
            default -> throw opts.usage("--dataset must be cora or citeseer without --data, got '" + dataset + "'");
        };
    }

    private static BatchSource<NodeClassificationTask.Nodes> nodes(int[] index, GraphData data) {
        int[] y = NodeSplit.labelsOf(data.labels(), index);
        return BatchSource.of(List.of(new NodeClassificationTask.Nodes(index, Tensor.of(Nd4j.createFromArray(y)))));
    }
}
