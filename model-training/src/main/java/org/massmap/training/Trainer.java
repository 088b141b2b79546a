package org.massmap.training;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.massmap.model.ModelFileException;
import org.massmap.model.ModelMetadata;
import org.massmap.model.ResidualLinearPart;
import org.massmap.model.NetworkWeights;
import org.massmap.model.ParameterLayout;
import org.massmap.model.ScoreModel;
import org.massmap.model.ScoreNetwork;
import org.massmap.model.TrainingNetwork;
import org.massmap.model.TrainingSummary;
import org.massmap.prior.GaussianPrior;

/**
 * Single-process denoising-score-matching training of the residual score network (Remy et al. 2020,
 * eqs. 3 and 6) with Adam and a learning-rate schedule.
 *
 * <p>Reproducibility: step t draws its batch (maps, crops, symmetries, σ, u) from
 * {@code new Random(Seeds.derive(seed, Seeds.TRAIN, t))}, so the run is a function of the seed and a
 * run resumed from a checkpoint continues exactly as the uninterrupted run would (ND4J on CPU with
 * the same thread count gives bit-identical steps; tested). Checkpoints hold the full
 * {@link TrainingState}. With {@code training.ema-decay} > 0 the model it publishes ({@link #model()},
 * the held-out validation) has the moving average of the weights ({@link WeightAverage}); checkpoints
 * keep the live weights and the average.
 *
 * <p>Data-parallel hooks: {@link #state()}, {@link #setState} and {@link #trainSteps(int, long)}
 * let a driver broadcast a state, have each replica take k steps on its own draws, and average.
 *
 * <p>Usage:
 * <pre>{@code
 * TrainingSettings t = TrainingSettings.defaults();                 // or TrainingSettings.from(settings)
 * TrainingSetup setup = TrainingSetup.of(t.network(), t.training(), clTable, pixelArcmin);
 * Trainer trainer = Trainer.create(setup, maps, Path.of("ckpt"));   // or Trainer.resume(Path.of("ckpt"), maps)
 * TrainingResult r = trainer.run(p -> System.out.println(p));
 * ModelFiles.save(r.model(), Path.of("model"));
 * }</pre>
 * Not thread-safe: drive one trainer from one thread.
 */
public final class Trainer {
    private static final int FINAL_LOSS_WINDOW = 100;

    private final TrainingSetup setup;
    private final TrainingConfig cfg;
    private final TrainingMaps maps;
    private final ParameterLayout layout;
    private final TrainingNetwork network;
    private final DsmBatchSampler sampler;
    private final Path checkpointDir;
    private final List<LossPoint> history = new ArrayList<>();
    private float[] params;
    private float[] bnStats;
    private float[] adamM;
    private float[] adamV;
    private float[] average;
    private long step;
    private boolean graphStale;
    private DsmValidation.Result validation;
    private final String initialisedFrom;

    private Trainer(TrainingSetup setup, TrainingMaps maps, Path checkpointDir, TrainingState state, List<LossPoint> past,
            String initialisedFrom) {
        if (Math.abs(maps.pixelArcmin() - setup.pixelArcmin()) > ScoreModel.PIXEL_TOLERANCE * setup.pixelArcmin()) {
            throw new IllegalArgumentException("training maps have " + maps.pixelArcmin() + " arcmin pixels but the setup says "
                    + setup.pixelArcmin() + " arcmin; the C_ell of the Gaussian part would be mapped to the wrong multipoles");
        }
        this.setup = setup;
        this.cfg = setup.training();
        this.maps = maps;
        this.layout = ParameterLayout.of(setup.network());
        this.checkpointDir = checkpointDir;
        GaussianPrior prior = new GaussianPrior(setup.prior().powerMap(setup.cropGrid()));
        this.sampler = new DsmBatchSampler(maps, cfg.cropSize(), prior, cfg.sigma(), setup.encoding(), setup.cropFilter());
        setState(state);
        this.network = new TrainingNetwork(setup.network(), params, setup.residualWindow(), setup.pixelArcmin(), setup.residualScaling(),
                prior.power());
        this.graphStale = false;
        this.history.addAll(past);
        this.initialisedFrom = initialisedFrom;
    }

    /** A new run with freshly initialised weights (seeded by the run seed); checkpointDir may be null. */
    public static Trainer create(TrainingSetup setup, TrainingMaps maps, Path checkpointDir) {
        ParameterLayout layout = ParameterLayout.of(setup.network());
        NetworkWeights w = NetworkWeights.initial(layout, Seeds.derive(setup.training().seed(), 0x696E_6974L));
        int n = layout.parameterCount();
        TrainingState s = new TrainingState(0, w.parameters(), w.bnStats(), new float[n], new float[n]);
        return new Trainer(setup, maps, checkpointDir, s, List.of(), null);
    }

    /**
     * A new run that starts from the weights (and batch-norm statistics) of {@code init} instead of
     * fresh ones, with a fresh optimiser (Adam's moments at zero, so the warm-up of the learning-rate
     * schedule matters) and this setup's schedule and seed: to continue training a model whose
     * checkpoints are gone (e.g. a bundled one). The model must have this setup's architecture, pixel
     * size, residual window and Gaussian prior (its input encoding); the resulting model records where
     * it started ({@link TrainingSummary#initialisedFrom}). Use another seed than the first run's, or
     * the maps repeat.
     *
     * @throws IllegalArgumentException naming what differs
     */
    public static Trainer warmStart(TrainingSetup setup, TrainingMaps maps, Path checkpointDir, ScoreModel init) {
        ModelMetadata m = init.metadata();
        List<String> differences = new ArrayList<>();
        if (!m.network().equals(setup.network())) {
            differences.add("network " + m.network() + " vs " + setup.network());
        }
        if (Math.abs(m.pixelArcmin() - setup.pixelArcmin()) > ScoreModel.PIXEL_TOLERANCE * setup.pixelArcmin()) {
            differences.add("pixel " + m.pixelArcmin() + " vs " + setup.pixelArcmin() + " arcmin");
        }
        if (!m.residualWindow().equals(setup.residualWindow())) {
            differences.add("residual window " + m.residualWindow() + " vs " + setup.residualWindow());
        }
        if (Math.abs(m.encoding().kappaScale() - setup.encoding().kappaScale()) > 1e-9 * setup.encoding().kappaScale()) {
            differences.add("Gaussian prior (input scale " + m.encoding().kappaScale() + " vs " + setup.encoding().kappaScale()
                    + ": another C_ell, pixel window or crop size)");
        }
        if (m.residualScaling() != setup.residualScaling()) {
            differences.add("residual scaling " + m.residualScaling() + " vs " + setup.residualScaling());
        }
        if (m.encoding().compression() != setup.encoding().compression()) {
            differences.add("input compression " + m.encoding().compression() + " vs " + setup.encoding().compression());
        }
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("cannot continue training from a model trained with another setup: "
                    + String.join("; ", differences));
        }
        int n = ParameterLayout.of(setup.network()).parameterCount();
        TrainingState s = new TrainingState(0, init.weights().parameters(), init.weights().bnStats(), new float[n], new float[n]);
        String from = String.format(java.util.Locale.ROOT, "weights sha256 %s after %d steps of batch %d, seed %d%s",
                m.weightsSha256(), m.training().steps(), m.training().batchSize(), m.training().seed(),
                m.training().initialisedFrom() == null ? "" : ", themselves from " + m.training().initialisedFrom());
        return new Trainer(setup, maps, checkpointDir, s, List.of(), from);
    }

    /** Continues a run from the newest checkpoint under checkpointDir (its saved setup is used). */
    public static Trainer resume(Path checkpointDir, TrainingMaps maps) throws ModelFileException {
        return resume(checkpointDir, maps, 0);
    }

    /**
     * Continues from the latest checkpoint with the total number of steps changed to {@code steps}
     * (0 = as checkpointed). The learning-rate schedule is then the configured one over the new total,
     * taken up at the current step; everything else (maps, seeds, state) continues unchanged.
     */
    public static Trainer resume(Path checkpointDir, TrainingMaps maps, int steps) throws ModelFileException {
        Path latest = Checkpoints.latest(checkpointDir).orElseThrow(() -> new ModelFileException(checkpointDir,
                "no checkpoint (step-NNNNNNNNNNNN directory) to resume from; start a new run instead"));
        Checkpoints.Loaded c = Checkpoints.read(latest);
        TrainingSetup setup = c.setup();
        if (steps > 0) {
            if (steps <= c.state().step()) {
                throw new IllegalArgumentException("training.steps=" + steps + " but the checkpoint is already at step "
                        + c.state().step() + "; give a larger total");
            }
            setup = setup.withTraining(setup.training().toBuilder().steps(steps).build());
        }
        return new Trainer(setup, maps, checkpointDir, c.state(), c.history(), c.initialisedFrom());
    }

    /** Whether a checkpoint exists under dir. */
    public static boolean hasCheckpoint(Path dir) throws ModelFileException {
        return Checkpoints.latest(dir).isPresent();
    }

    public TrainingSetup setup() {
        return setup;
    }

    public ParameterLayout layout() {
        return layout;
    }

    /** Where this run's weights started (see {@link #warmStart}), or null for fresh weights. */
    public String initialisedFrom() {
        return initialisedFrom;
    }

    /** Steps taken so far. */
    public long step() {
        return step;
    }

    /** Per-step losses so far (including before a resume). */
    public List<LossPoint> history() {
        return List.copyOf(history);
    }

    /**
     * Trains until {@code training.steps}, reporting progress, checkpointing every
     * {@code checkpointEvery} steps and at the end, and evaluating the held-out loss at the end.
     */
    public TrainingResult run(ProgressListener listener) throws ModelFileException {
        long t0 = System.nanoTime();
        long total = cfg.steps();
        long lastStep = step;
        long lastTime = t0;
        double lossSum = 0;
        double lastLoss = Double.NaN;
        while (step < total) {
            lastLoss = takeStep(new Random(Seeds.derive(cfg.seed(), Seeds.TRAIN, step)));
            lossSum += lastLoss;
            if (checkpointDir != null && cfg.checkpointEvery() > 0 && step % cfg.checkpointEvery() == 0 && step < total) {
                checkpoint();
            }
            if (step % cfg.progressEvery() == 0 || step == total) {
                long now = System.nanoTime();
                double rate = (step - lastStep) / ((now - lastTime) * 1e-9);
                Duration eta = Duration.ofMillis((long) (1000 * (total - step) / Math.max(rate, 1e-9)));
                listener.onProgress(new TrainingProgress(step, total, lastLoss, lossSum / (step - lastStep),
                        history.get(history.size() - 1).learningRate(), rate, eta));
                lastStep = step;
                lastTime = now;
                lossSum = 0;
            }
        }
        if (cfg.validationMaps() > 0) {
            validate(cfg.validationMaps());
        }
        ScoreModel model = model();
        if (checkpointDir != null) {
            checkpoint();
        }
        return new TrainingResult(model, history, (System.nanoTime() - t0) * 1e-9);
    }

    /**
     * Takes k steps whose draws come from {@code Seeds.derive(streamSeed, i)}, i = 0..k−1 (data-parallel
     * replicas pass a seed unique to their round and partition). The learning rate follows the global
     * step count. Returns the mean loss of the k steps.
     */
    public double trainSteps(int k, long streamSeed) {
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += takeStep(new Random(Seeds.derive(streamSeed, i)));
        }
        return sum / k;
    }

    private double takeStep(Random rng) {
        DsmBatch b = sampler.sample(rng, cfg.batchSize());
        double lr = cfg.learningRate().at(step, cfg.steps());
        if (graphStale) {
            network.setParameters(params);
        }
        TrainingNetwork.Step s = network.step(b.input(), b.target(), b.sigmas(), b.batch(), b.n(), b.n());
        if (!Double.isFinite(s.loss())) {
            throw new IllegalStateException("training diverged at step " + step + " (loss " + s.loss()
                    + "); lower training.lr.peak (now " + cfg.learningRate().peak() + ") or raise training.sigma.lo");
        }
        Adam.update(params, s.gradient(), adamM, adamV, step + 1, lr, cfg.adamBeta1(), cfg.adamBeta2(), cfg.adamEpsilon());
        if (average.length > 0) {
            WeightAverage.update(average, params, WeightAverage.beta(step + 1, cfg.emaDecay()));
        }
        float mom = (float) cfg.bnMomentum();
        float[] batch = s.batchMoments();
        for (int i = 0; i < bnStats.length; i++) {
            bnStats[i] = mom * bnStats[i] + (1 - mom) * batch[i]; // running ← μ·running + (1 − μ)·batch
        }
        graphStale = true;
        history.add(new LossPoint(step, s.loss(), lr));
        step++;
        return s.loss();
    }

    /** The whole training state (copies). */
    public TrainingState state() {
        return new TrainingState(step, params, bnStats, adamM, adamV, average);
    }

    /** Replaces the whole training state (e.g. the averaged state of a data-parallel round). */
    public void setState(TrainingState s) {
        if (s.parameters().length != layout.parameterCount() || s.bnStats().length != layout.bnStatCount()) {
            throw new IllegalArgumentException("state holds " + s.parameters().length + " parameters and " + s.bnStats().length
                    + " BN statistics; this network needs " + layout.parameterCount() + " and " + layout.bnStatCount());
        }
        params = s.parameters();
        bnStats = s.bnStats();
        adamM = s.adamM();
        adamV = s.adamV();
        average = cfg.emaDecay() == 0 ? new float[0] : s.hasAverage() ? s.average() : s.parameters();
        step = s.step();
        graphStale = true;
    }

    /** The weights the run publishes (the moving average when kept, else the current ones) as a network in inference mode. */
    public ScoreNetwork inferenceNetwork() {
        return new ScoreNetwork(setup.network(), new NetworkWeights(published(), bnStats));
    }

    private float[] published() {
        return average.length > 0 ? average : params;
    }

    /**
     * Held-out DSM losses (hybrid vs Gaussian alone) on {@code count} maps from the validation stream;
     * the result is recorded in the metadata of later {@link #model()}s.
     */
    public DsmValidation.Result validate(int count) {
        validation = DsmValidation.heldOut(setup, maps, count, cfg.seed()).evaluate(inferenceNetwork());
        return validation;
    }

    /**
     * Replaces the loss history (for drivers whose steps ran elsewhere, e.g. one point per
     * data-parallel round); the model metadata's final loss is taken from it.
     */
    public void replaceHistory(List<LossPoint> points) {
        history.clear();
        history.addAll(points);
    }

    /**
     * The model this run publishes, with its metadata, ready to save: the moving average of the weights
     * when the run keeps one ({@code training.ema-decay} > 0), else the current weights.
     */
    public ScoreModel model() {
        return modelOf(published());
    }

    private ScoreModel modelOf(float[] parameters) {
        NetworkWeights w = new NetworkWeights(parameters, bnStats);
        int from = Math.max(0, history.size() - FINAL_LOSS_WINDOW);
        double finalLoss = history.subList(from, history.size()).stream().mapToDouble(LossPoint::loss).average().orElse(Double.NaN);
        TrainingSummary summary = new TrainingSummary(step, cfg.batchSize(), cfg.cropSize(), cfg.seed(), finalLoss,
                validation == null ? Double.NaN : validation.hybridLoss(), validation == null ? Double.NaN : validation.gaussianLoss(),
                initialisedFrom, cfg.emaDecay());
        String version = Trainer.class.getPackage().getImplementationVersion();
        ModelMetadata meta = new ModelMetadata(ModelMetadata.FORMAT_VERSION, "massmap-model-training " + (version == null ? "dev" : version),
                Instant.now().toString(), setup.network(), setup.encoding(), setup.pixelArcmin(), cfg.cropSize(), cfg.cropSize(),
                setup.prior(), cfg.sigma(), summary, w.sha256(), setup.residualWindow(), ResidualLinearPart.NONE,
                setup.residualScaling());
        return new ScoreModel(meta, w);
    }

    /**
     * Writes a checkpoint of the current state now (requires a checkpoint directory): its model holds
     * the current weights, which a resumed run continues from; the weight average is stored beside it.
     */
    public Path checkpoint() throws ModelFileException {
        if (checkpointDir == null) {
            throw new IllegalStateException("this trainer has no checkpoint directory");
        }
        return Checkpoints.write(checkpointDir, setup, state(), history, modelOf(params), initialisedFrom);
    }
}
