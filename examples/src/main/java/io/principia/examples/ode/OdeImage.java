package io.principia.examples.ode;

import io.principia.core.data.DataLoader;
import io.principia.core.data.TensorDataset;
import io.principia.core.nn.Module;
import io.principia.core.ops.Losses;
import io.principia.core.optim.Adam;
import io.principia.core.tensor.Tensor;
import io.principia.core.train.FitResult;
import io.principia.core.train.Phase;
import io.principia.core.train.StepResult;
import io.principia.core.train.Trainer;
import io.principia.core.train.TrainingTask;
import io.principia.core.data.Batch;
import io.principia.core.util.Rng;
import io.principia.core.util.Seed;
import io.principia.examples.cli.Launcher;
import io.principia.examples.cli.TrainOptions;
import io.principia.examples.common.RunDirs;
import io.principia.examples.rnn.SeqImageData;
import io.principia.ode.GradientMode;
import io.principia.ode.Method;
import io.principia.ode.models.ImageModel;
import io.principia.ode.models.ImageOdeClassifier;
import io.principia.ode.models.SolverConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Neural-ODE image classifiers of the HBNODE (Xia et al., NeurIPS 2021) and NesterovNODE (Nguyen
 * et al., NeurIPS 2022) papers, spec rnn_ode.md 3.2, trained on the same data and seed:
 * NODE, ANODE, SONODE, HBNODE, GHBNODE, NesterovNODE and GNesterovNODE (the clean formulation of
 * spec 4.1, not the released code's hybrid). The papers' claim: the heavy-ball and Nesterov models
 * need fewer forward and backward NFEs than NODE/ANODE/SONODE at similar or better accuracy.
 *
 * <p>Per epoch it logs the forward and backward NFE (averages over training batches), training
 * time, train loss and test loss/accuracy (the test set is the Trainer's validation source), and
 * writes {@code ode_image.md}, {@code ode_image.csv} and PNG plots into the output directory,
 * each model's Trainer run under {@code <out>/<model>/}.
 *
 * <p>Defaults are sized for a 2-core CPU (all seven models in about 10 minutes): images
 * average-pooled 2x2 to 14x14, reduced widths ({@code --sizes small}, about 15k parameters each,
 * matched like the papers'), 1,200 training / 500 test images, 3 epochs, batch 64, dopri5 at
 * rtol = atol = 1e-3 with the adjoint (as the official code: every model trains through
 * {@code odeint_adjoint}), Adam lr 1e-3, gradient clip 10, t in [1, 2] (the NesterovNODE
 * repository's interval for every model). A 28x28 HBNODE of the papers' size takes about 20 s per
 * batch of 64 here (adjoint at 1e-3), hence the pooling and the narrower f. {@code --sizes mnist
 * --downsample 1} gives the papers' MNIST models (85-86k parameters).
 */
@Command(name = "ode-image", mixinStandardHelpOptions = true,
        footer = "%nDefaults: --epochs 3, --batch-size 64, --lr 1e-3 (Adam), clip 10, dopri5 tol 1e-3, adjoint.",
        description = "NODE, ANODE, SONODE, HBNODE, GHBNODE, NesterovNODE, GNesterovNODE on (Fashion-)MNIST: NFE, time, loss, accuracy per epoch.")
public final class OdeImage implements Callable<Integer> {
    public static final String NAME = "ode-image";
    static final String DEFAULT_MODELS = "node,anode,sonode,hbnode,ghbnode,nesterov,gnesterov";

    @Mixin
    TrainOptions opts = new TrainOptions();

    @Option(names = "--models", split = ",", defaultValue = DEFAULT_MODELS,
            description = "Models to compare (default: " + DEFAULT_MODELS + ").")
    List<String> models;

    @Option(names = "--dataset", defaultValue = "fashion",
            description = "fashion (the shipped subset, or --data) or mnist (--data, else the shared folder; its test set is split "
                    + "by --mnist-train when it has no training images) (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--sizes", defaultValue = "small",
            description = "small (about 15k parameters per model) or mnist (the papers' 85-86k) (default: ${DEFAULT-VALUE}).")
    String sizes;

    @Option(names = "--downsample", defaultValue = "2",
            description = "Average-pool the 28x28 images by this factor, 1 (off), 2 or 4 (default: ${DEFAULT-VALUE}).")
    int downsample;

    @Option(names = "--train-size", defaultValue = "1200", description = "Training images (stratified; default: ${DEFAULT-VALUE}).")
    Integer trainSize;

    @Option(names = "--test-size", defaultValue = "500", description = "Test images (stratified; default: ${DEFAULT-VALUE}).")
    Integer testSize;

    @Option(names = "--mnist-train", defaultValue = "8000",
            description = "With --dataset mnist and only a test set: this many of its images train (default: ${DEFAULT-VALUE}).")
    int mnistTrain;

    @Option(names = "--tol", defaultValue = "1e-3", description = "dopri5 rtol = atol (default: ${DEFAULT-VALUE}).")
    double tol;

    @Option(names = "--gradient", defaultValue = "adjoint", description = "adjoint or backprop (default: ${DEFAULT-VALUE}).")
    String gradient;

    @Option(names = "--clip", defaultValue = "10", description = "Global gradient-norm clip, 0 off (default: ${DEFAULT-VALUE}).")
    double clip;

    @Override
    public Integer call() {
        opts.validate();
        List<ImageModel> kinds;
        try {
            kinds = models.stream().map(ImageModel::parse).toList();
        } catch (IllegalArgumentException e) {
            throw opts.usage("--models: " + e.getMessage());
        }
        if (downsample != 1 && downsample != 2 && downsample != 4) {
            throw opts.usage("--downsample must be 1, 2 or 4, got " + downsample);
        }
        if (!sizes.equals("small") && !sizes.equals("mnist")) {
            throw opts.usage("--sizes must be small or mnist, got '" + sizes + "'");
        }
        if (!(tol > 0) || !(clip >= 0)) {
            throw opts.usage("need --tol > 0 and --clip >= 0, got tol " + tol + ", clip " + clip);
        }
        GradientMode mode = switch (gradient.toLowerCase(Locale.ROOT)) {
            case "adjoint" -> GradientMode.ADJOINT;
            case "backprop" -> GradientMode.BACKPROP;
            default -> throw opts.usage("--gradient must be adjoint or backprop, got '" + gradient + "'");
        };
        SeqImageData.Source source = switch (dataset.toLowerCase(Locale.ROOT)) {
            case "fashion" -> SeqImageData.Source.FASHION;
            case "mnist" -> SeqImageData.Source.MNIST;
            default -> throw opts.usage("--dataset must be fashion or mnist, got '" + dataset + "'");
        };
        SeqImageData.Data raw = SeqImageData.load(source, opts.data, SeqImageData.Mode.ROW, trainSize, testSize, opts.seed, mnistTrain);
        TensorDataset train = pool(raw.train(), downsample);
        TensorDataset test = pool(raw.test(), downsample);
        int side = 28 / downsample;
        int epochs = opts.epochs(3), batch = opts.batchSize(64);
        double lr = opts.lr(1e-3);
        SolverConfig solver = SolverConfig.dopri5(tol, mode);
        Path out = RunDirs.defaultFor(NAME, opts.out);
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
        String note = String.format(Locale.ROOT, "%s, images pooled %dx%d to %dx%d; %d training / %d test images; %s sizes; %d epochs, "
                        + "batch %d, Adam(lr %s), clip %s, dopri5 rtol = atol = %s, %s gradients, t in [1, 2], seed %d. NFE = function "
                        + "evaluations per training batch (forward solve; backward = the adjoint solve). Train time excludes the test "
                        + "pass. Nesterov models are the clean formulation (spec 4.1). Command: `%s`.",
                raw.origin(), downsample, downsample, side, side, train.size(), test.size(), sizes, epochs, batch, lr, clip, tol,
                mode.name().toLowerCase(Locale.ROOT), opts.seed, String.join(" ", Launcher.arguments()));
        OdeImageReport report = new OdeImageReport("Neural ODEs on " + (source == SeqImageData.Source.MNIST ? "MNIST" : "Fashion-MNIST"), note);
        for (ImageModel kind : kinds) {
            Seed.everything(opts.seed);
            ImageOdeClassifier.Sizes s = sizesFor(kind, side);
            ImageOdeClassifier model = new ImageOdeClassifier(kind, s, 1, 2, solver, new Rng(opts.seed), DataType.FLOAT);
            NfeMonitor nfe = new NfeMonitor(model.block());
            Map<String, Object> hp = new LinkedHashMap<>();
            hp.put("experiment", NAME);
            hp.put("model", kind.displayName);
            hp.put("dim", s.dim());
            hp.put("nhid", s.nhid());
            hp.put("image_side", side);
            hp.put("solver", "dopri5 rtol=atol=" + tol + ", " + mode);
            hp.put("data", raw.origin());
            hp.put("train_examples", train.size());
            hp.put("test_examples", test.size());
            Trainer.Builder b = Trainer.builder().epochs(epochs).optimizer(new Adam(model.namedParameters(), lr)).seed(opts.seed)
                    .runDir(out.resolve(kind.cliName())).commandLine(Launcher.arguments()).hparams(hp).callbacks(nfe);
            if (clip > 0) {
                b.clipGradNorm(clip);
            }
            FitResult fit = b.build().fit(new Task(model), DataLoader.of(train, batch, true, opts.seed, false),
                    DataLoader.sequential(test, 250));
            report.add(kind.displayName, model.parameterCount(), fit.history(), nfe.epochs());
            report.write(out);
        }
        System.out.println(report.markdown());
        System.out.println("wrote " + out.resolve("ode_image.md") + ", ode_image.csv and ode_image_*.png");
        return 0;
    }

    /**
     * The model's sizes: the papers' MNIST ones, or "small" ones with about 15k parameters each at
     * 14x14 (NODE nhid 37, ANODE 17, SONODE and the momentum models 16; same dims as the papers').
     */
    ImageOdeClassifier.Sizes sizesFor(ImageModel kind, int side) {
        if (sizes.equals("mnist")) {
            return new ImageOdeClassifier.Sizes(1, side, side, kind.mnistDim, kind.mnistHidden, 10);
        }
        int nhid = switch (kind) {
            case NODE -> 37;
            case ANODE -> 17;
            default -> 16;
        };
        return new ImageOdeClassifier.Sizes(1, side, side, kind.mnistDim, nhid, 10);
    }

    /** [N, 784] images -> [N, (28/f)²], each output pixel the mean of an f x f block. */
    static TensorDataset pool(TensorDataset d, int f) {
        if (f == 1) {
            return d;
        }
        int side = 28 / f;
        long n = d.size();
        INDArray x = d.features().reshape('c', n, side, f, side, f).mean(2, 4); // [N, side, side]
        return new TensorDataset(x.reshape('c', n, (long) side * side).castTo(d.features().dataType()), d.labels());
    }

    /** Cross-entropy on the logits, plus the forward NFE of the batch as a metric. */
    private record Task(ImageOdeClassifier net) implements TrainingTask<Batch> {
        @Override
        public Module model() { return net; }

        @Override
        public StepResult step(Batch batch, Phase phase) {
            Tensor logits = net.forward(batch.x()); // [N, 10]
            Tensor loss = Losses.crossEntropy(logits, batch.y());
            return StepResult.of(loss, batch.size()).withClassification(logits.data(), batch.y().data())
                    .withMetric("nfe_forward", net.block().lastNfeForward());
        }
    }
}
