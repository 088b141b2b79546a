package org.massmap.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.massmap.config.MapSettings;
import org.massmap.config.Settings;
import org.massmap.config.SimulationConfig;
import org.massmap.config.TheoryConfig;
import org.massmap.io.JsonFiles;
import org.massmap.io.plot.LinePlot;
import org.massmap.model.ModelFiles;
import org.massmap.model.Nd4jRuntime;
import org.massmap.model.PowerSpectrumTable;
import org.massmap.model.ResidualLinearPart;
import org.massmap.model.ScoreModel;
import org.massmap.sim.HaloModel;
import org.massmap.sim.HaloModelSpec;
import org.massmap.spark.runtime.SparkSessions;
import org.massmap.spark.training.DataParallelConfig;
import org.massmap.spark.training.MapsFactory;
import org.massmap.spark.training.RoundStats;
import org.massmap.spark.training.SparkDataParallelTrainer;
import org.massmap.theory.TheorySettings;
import org.massmap.training.FitsTrainingMaps;
import org.massmap.training.LinearPartFit;
import org.massmap.training.LossPoint;
import org.massmap.training.SimulatedTrainingMaps;
import org.massmap.training.Trainer;
import org.massmap.training.TrainingResult;
import org.massmap.training.TrainingSettings;
import org.massmap.training.TrainingSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code massmap train}: trains the neural residual score by denoising score matching. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains the neural residual score (hybrid prior) by denoising score matching.",
                "On this machine, or data-parallel on Spark with --master. Writes MODEL_DIR/model.json, weights.bin",
                "(the model: network, metadata, checksum), loss_curve.png and training.json; checkpoints go to",
                "MODEL_DIR/checkpoints and a rerun with --resume continues after a crash."})
final class TrainCommand implements Callable<Integer> {
    /** Noise levels and ℓ bands of the residual's linear part (log-spaced over the trained σ range and the training map's ℓ). */
    private static final int LINEAR_PART_SIGMAS = 12;
    private static final int LINEAR_PART_BANDS = 12;
    @Spec
    CommandSpec spec;
    @Option(names = "--out", required = true, paramLabel = "MODEL_DIR", description = "Model directory to write.")
    Path out;
    @Option(names = "--steps", descriptionKey = "training.steps", description = "Optimiser steps (default ${DEFAULT-VALUE}).")
    Integer steps;
    @Option(names = "--batch-size", descriptionKey = "training.batch-size", description = "Maps per step (default ${DEFAULT-VALUE}).")
    Integer batch;
    @Option(names = "--crop-size", descriptionKey = "training.crop-size", description = "Crop side, pixels (default ${DEFAULT-VALUE}).")
    Integer crop;
    @Option(names = "--seed", descriptionKey = "training.seed", description = "Seed (default ${DEFAULT-VALUE}).")
    Long seed;
    @Option(names = "--resume", description = {"Continue from MODEL_DIR/checkpoints after an interruption (with --steps: to",
            "that new total, the learning-rate schedule taken up at the current step)."})
    boolean resume;
    @Option(names = "--init-from", paramLabel = "MODEL", description = {"Start from this model's weights (a model directory or",
            "bundled:NAME) with a fresh optimiser, to train a model further whose checkpoints are gone; it must have this",
            "run's network, pixel size, residual window and prior. Give another --seed than its run's, or the maps repeat."})
    String initFrom;
    @Option(names = "--linear-part-of", paramLabel = "MODEL", description = {"Do not train: measure the linear part of this",
            "trained model's residual (training.linear-part-maps simulations per σ) and write the model with it removed to",
            "MODEL_DIR (same weights). For models trained before the linear part was removed."})
    String linearPartOf;
    @Option(names = "--master", paramLabel = "URL", description = "Train data-parallel on this Spark master (e.g. local[2], spark://...).")
    String master;
    @Option(names = "--pixel-arcmin", descriptionKey = "map.pixel-arcmin", description = "Pixel size of the model (default ${DEFAULT-VALUE}).")
    Double pixel;
    @Mixin
    PriorOptions prior;
    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        Settings s = ResolvedConfig.of(spec, config);
        PrintWriter console = spec.commandLine().getOut();
        MapSettings map = MapSettings.from(s);
        TrainingSettings training = TrainingSettings.from(s);
        TrainingSetup setup = setup(s, training, map.pixelArcmin());
        MapsFactory maps = mapsFactory(s, training.maps(), setup);
        Path checkpoints = out.resolve("checkpoints");
        Nd4jRuntime.configureThreads(Runtime.getRuntime().availableProcessors());
        long t0 = System.nanoTime();
        if (linearPartOf != null) {
            return refitLinearPart(console, training, maps, setup);
        }
        ScoreModel model;
        List<LossPoint> history;
        Map<String, Object> info = new LinkedHashMap<>();
        if (master != null && initFrom != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--init-from is for training on this machine; data-parallel training (--master) starts from fresh weights");
        }
        if (master == null) {
            Trainer trainer;
            if (resume && Trainer.hasCheckpoint(checkpoints)) {
                trainer = Trainer.resume(checkpoints, maps.create(), steps == null ? 0 : steps);
            } else if (initFrom != null) {
                ScoreModel init = org.massmap.spark.runtime.ModelFetch.load(org.massmap.model.BundledModels.locate(initFrom,
                        map.pixelArcmin()), new org.apache.hadoop.conf.Configuration());
                trainer = Trainer.warmStart(setup, maps.create(), checkpoints, init);
                console.printf(Locale.ROOT, "starting from %s (%s)%n", initFrom, trainer.initialisedFrom());
            } else {
                trainer = Trainer.create(setup, maps.create(), checkpoints);
            }
            Files.createDirectories(checkpoints); // only once the run is set up: a refused start leaves nothing
            console.printf(Locale.ROOT, "training %d parameters on %s maps at %.3g arcmin, %d steps of %d crops of %d²%s%n",
                    trainer.layout().parameterCount(), Settings.optionName(training.maps().source()), map.pixelArcmin(),
                    trainer.setup().training().steps(), trainer.setup().training().batchSize(), trainer.setup().training().cropSize(),
                    trainer.step() > 0 ? " (resumed at step " + trainer.step() + ")" : "");
            TrainingResult r = trainer.run(p -> {
                console.printf(Locale.ROOT, "  step %d/%d  loss %.4f (mean %.4f)  lr %.2e  %.2f steps/s  ETA %s%n", p.step(),
                        p.totalSteps(), p.loss(), p.meanLoss(), p.learningRate(), p.stepsPerSecond(), eta(p.eta()));
                console.flush();
            });
            model = r.model();
            history = r.history();
        } else {
            int partitions = training.spark().partitions();
            int perRound = training.spark().stepsPerRound();
            int rounds = Math.max(1, setup.training().steps() / perRound);
            try (JavaSparkContext jsc = SparkSessions.create("massmap train", master, Map.of())) {
                console.printf(Locale.ROOT, "data-parallel training on %s: %d replicas x %d rounds x %d steps%n", jsc.master(),
                        partitions, rounds, perRound);
                var result = new SparkDataParallelTrainer(jsc, setup, maps, new DataParallelConfig(partitions, rounds, perRound, 2, 0))
                        .train((RoundStats r) -> {
                            console.printf(Locale.ROOT, "  round %d  step %d  loss %.4f  %.1f s (broadcast %d kB, result %d kB)%n",
                                    r.round(), r.step(), r.meanLoss(), r.seconds(), r.broadcastBytes() / 1024, r.resultBytes() / 1024);
                            console.flush();
                        });
                model = result.model();
                history = new ArrayList<>();
                for (RoundStats r : result.rounds()) {
                    history.add(new LossPoint(r.step(), r.meanLoss(), Double.NaN));
                }
                info.put("data_parallel", Map.of("partitions", partitions, "rounds", rounds, "steps_per_round", perRound));
            }
        }
        model = withLinearPartRemoved(console, model, maps, training);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        ModelFiles.save(model, out);
        writeLossCurve(out.resolve("loss_curve.png"), history);
        info.put("seconds", seconds);
        info.put("parameters", model.weights().parameterCount());
        info.put("metadata", model.metadata());
        List<double[]> curve = new ArrayList<>();
        for (LossPoint p : history) {
            curve.add(new double[] {p.step(), p.loss()});
        }
        info.put("loss_history", curve);
        JsonFiles.write(out.resolve("training.json"), info);
        double ema = model.metadata().training().emaDecay();
        console.printf(Locale.ROOT, "wrote %s (model.json, weights.bin sha256 %s%s, loss_curve.png) in %.0f s%n", out,
                model.metadata().weightsSha256().substring(0, 12),
                ema > 0 ? String.format(Locale.ROOT, ": the moving average of the weights, decay %s", ema) : "", seconds);
        return 0;
    }

    /** The model with its residual's linear part measured and removed (as it is when the setting is 0). */
    private static ScoreModel withLinearPartRemoved(PrintWriter console, ScoreModel model, MapsFactory maps, TrainingSettings training)
            throws Exception {
        if (training.linearPartMaps() == 0) {
            return model;
        }
        long t0 = System.nanoTime();
        ResidualLinearPart part = LinearPartFit.fit(model, maps.create(), LINEAR_PART_SIGMAS, LINEAR_PART_BANDS,
                training.linearPartMaps(), model.metadata().training().seed());
        console.printf(Locale.ROOT, "residual: %s in %.0f s%n", part, (System.nanoTime() - t0) * 1e-9);
        return new ScoreModel(model.metadata().withLinearPart(part), model.weights());
    }

    private int refitLinearPart(PrintWriter console, TrainingSettings training, MapsFactory maps, TrainingSetup setup) throws Exception {
        if (resume || initFrom != null || master != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--linear-part-of does not train; it cannot be combined with --resume, --init-from or --master");
        }
        if (training.linearPartMaps() == 0) {
            throw new org.massmap.config.SettingException("training.linear-part-maps is 0; --linear-part-of needs simulations to measure");
        }
        ScoreModel trained = org.massmap.spark.runtime.ModelFetch.load(org.massmap.model.BundledModels.locate(linearPartOf,
                setup.pixelArcmin()), new org.apache.hadoop.conf.Configuration());
        // the simulations must be the model's training distribution: refuse another prior (the message says which)
        trained.hybridScore(org.massmap.grid.TileGrid.square(training.maps().size(), setup.pixelArcmin(),
                new org.massmap.grid.SkyPoint(0, 0)), setup.prior());
        ScoreModel model = withLinearPartRemoved(console, trained, maps, training);
        ModelFiles.save(model, out);
        console.printf(Locale.ROOT, "wrote %s (the weights of %s, sha256 %s)%n", out, linearPartOf,
                model.metadata().weightsSha256().substring(0, 12));
        return 0;
    }

    private static String eta(java.time.Duration d) {
        long s = d.getSeconds();
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    /** The run's setup: the training settings, and the prior's C_ell tabulated far enough for {@code pixelArcmin}. */
    static TrainingSetup setup(Settings s, TrainingSettings training, double pixelArcmin) throws Exception {
        double[][] table = TheoryConfig.priorTable(s, pixelArcmin);
        String file = s.string("prior.cl-file").trim();
        String source = file.isEmpty() ? org.massmap.theory.TheoryConvergenceSpectrum.describe(TheoryConfig.settings(s)) : "file " + file;
        return TrainingSetup.of(training.network(), training.training(), new PowerSpectrumTable(table[0], table[1], source),
                pixelArcmin, training.residualWindow(), training.inputCompression(), training.residualScaling());
    }

    /** The training maps as a serialisable factory (built again on each executor). */
    static MapsFactory mapsFactory(Settings s, TrainingSettings.Maps source, TrainingSetup setup) throws Exception {
        if (source.source() == TrainingSettings.MapsSource.SIMULATED) {
            int size = source.size();
            double pixel = setup.pixelArcmin();
            PowerSpectrumTable prior = setup.prior();
            double shift = s.positive("simulate.lognormal-shift");
            boolean halos = source.halos();
            TheorySettings theory = TheoryConfig.settings(s);
            HaloModelSpec haloSpec = SimulationConfig.halos(s);
            return () -> new SimulatedTrainingMaps(size, pixel, prior, shift, halos ? new HaloModel(theory, haloSpec) : null);
        }
        List<String> files = source.files();
        return () -> {
            try {
                List<Path> paths = new ArrayList<>();
                files.forEach(f -> paths.add(Path.of(f)));
                return new FitsTrainingMaps(paths);
            } catch (org.massmap.io.MassmapIoException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        };
    }

    static void writeLossCurve(Path png, List<LossPoint> history) throws Exception {
        double[] x = new double[history.size()];
        double[] y = new double[history.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(1, history.get(i).step());
            y[i] = history.get(i).loss();
        }
        double[] smooth = new double[y.length];
        int w = Math.max(1, y.length / 50);
        for (int i = 0; i < y.length; i++) {
            double sum = 0;
            int c = 0;
            for (int j = Math.max(0, i - w); j <= Math.min(y.length - 1, i + w); j++) {
                sum += y[j];
                c++;
            }
            smooth[i] = sum / c;
        }
        LinePlot.of("Denoising score matching loss", "step", "loss").withLogY()
                .with(new LinePlot.Series("per step", x, y, LinePlot.Style.POINTS))
                .with(new LinePlot.Series("running mean", x, smooth, LinePlot.Style.LINE)).writePng(png);
    }
}
