package org.massmap.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.massmap.config.SamplerConfig;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.KaiserSquires;
import org.massmap.lensing.ShearLikelihood;
import org.massmap.lensing.ShearModel;
import org.massmap.pipeline.PriorModel;
import org.massmap.prior.PowerMap;
import org.massmap.sampling.ChainResult;
import org.massmap.sampling.ChainSeeds;
import org.massmap.sampling.GaussianApproximation;
import org.massmap.sampling.PosteriorSampler;
import org.massmap.sampling.Schedule;
import org.massmap.sampling.TemperedPosterior;

/**
 * Simulation-based calibration (Talts et al. 2018) of a prior and the sampler together, on a small
 * periodic tile with every pixel observed. Each realisation draws a truth from the distribution
 * being tested (the Gaussian prior's field, or the simulator the hybrid prior was trained on), its
 * data exactly as the likelihood models them (shear or reduced shear of the truth by the periodic
 * Kaiser-Squires operator, plus Gaussian noise of the stated per-pixel std), draws S posterior
 * samples with a seed of its own, and ranks the truth among the samples for every
 * {@link CalibrationStatistics} statistic. If prior and sampler are right the ranks are uniform on
 * 0…S whatever the truth ({@link RankHistogram}).
 *
 * <p>Realisation r is a pure function of (seed, r): its truth and noise come from
 * {@code ChainSeeds.seed(seed, "sbc-truth", r)}, its chains from run seed
 * {@code ChainSeeds.seed(seed, "sbc-chains", r)}, so realisations can run in any order, in pieces,
 * and be resumed. Thread-safe.
 */
public final class SimulationBasedCalibration {

    /** Draws truth maps (row-major on the tile, zero mean). */
    @FunctionalInterface
    public interface TruthSource {
        double[] draw(RandomGenerator rng);
    }

    /**
     * One realisation's outcome.
     *
     * @param index       r
     * @param samples     posterior samples drawn (S)
     * @param truth       the statistics of the truth
     * @param ranks       rank of the truth among the samples, per statistic, in [0, S]
     * @param acceptance  mean HMC acceptance rate over the chains
     * @param evaluations mean score evaluations per sample
     */
    public record Realisation(int index, int samples, double[] truth, int[] ranks, double acceptance, double evaluations) {
    }

    private final TileGrid grid;
    private final PowerMap power;
    private final TruthSource truthSource;
    private final ShearModel shearModel;
    private final double noiseStd;
    private final PriorModel prior;
    private final SamplerConfig sampler;
    private final CalibrationStatistics statistics;
    private final long seed;

    /**
     * @param power    the prior's power map on the tile (Gaussian part and sampler preconditioning)
     * @param noiseStd per-pixel, per-component noise std of the binned shear (σ_e/√N_gal per pixel)
     * @param sampler  schedule, move, finish and batching; its chain count and seed are not used
     *                 (S is given to {@link #run}; seeds derive from {@code seed})
     */
    public SimulationBasedCalibration(TileGrid grid, PowerMap power, TruthSource truthSource, ShearModel shearModel, double noiseStd,
            PriorModel prior, SamplerConfig sampler, long seed) {
        if (!(noiseStd > 0) || !Double.isFinite(noiseStd)) {
            throw new IllegalArgumentException("noise std per pixel must be positive, got " + noiseStd);
        }
        prior.requireSigmaMax(sampler.schedule().sigmaMax());
        this.grid = grid;
        this.power = power;
        this.truthSource = truthSource;
        this.shearModel = shearModel;
        this.noiseStd = noiseStd;
        this.prior = prior;
        this.sampler = sampler;
        this.statistics = new CalibrationStatistics(grid, power);
        this.seed = seed;
    }

    public CalibrationStatistics statistics() {
        return statistics;
    }

    /** Realisation r with S posterior samples, chains spread over the given threads. */
    public Realisation run(int r, int samples, int threads) {
        if (samples < 1) {
            throw new IllegalArgumentException("need at least one posterior sample, got " + samples);
        }
        SplittableRandom rng = new SplittableRandom(ChainSeeds.seed(seed, "sbc-truth", r));
        double[] truth = truthSource.draw(rng);
        KaiserSquires ks = new KaiserSquires(grid.nx(), grid.ny());
        double[][] shear = ks.forward(truth, null);
        int n = grid.size();
        double[] g1 = new double[n];
        double[] g2 = new double[n];
        for (int i = 0; i < n; i++) {
            double scale = shearModel == ShearModel.REDUCED_SHEAR
                    ? 1 / Math.max(1 - truth[i], ShearLikelihood.MIN_ONE_MINUS_KAPPA) : 1.0;
            g1[i] = shear[0][i] * scale + noiseStd * rng.nextGaussian();
            g2[i] = shear[1][i] * scale + noiseStd * rng.nextGaussian();
        }
        double[] noise = new double[n];
        Arrays.fill(noise, noiseStd);
        boolean[] mask = new boolean[n];
        Arrays.fill(mask, true);
        ShearLikelihood likelihood = new ShearLikelihood(ks, g1, g2, noise, mask, shearModel);
        GaussianApproximation approximation = new GaussianApproximation(likelihood, power);
        Schedule schedule = sampler.resolvedSchedule(approximation);
        TemperedPosterior posterior = new TemperedPosterior(likelihood, prior.scoreFor(grid, power));
        double[] start = ks.inverse(g1, g2)[0];
        List<ChainResult> chains = new PosteriorSampler(posterior, approximation, schedule, sampler.move(), sampler.finish())
                .sample(start, ChainSeeds.seed(seed, "sbc-chains", r), "sbc-" + r, 0, samples, sampler.batchSize(), threads, null);
        List<double[]> stats = new ArrayList<>();
        double acceptance = 0;
        double evaluations = 0;
        for (ChainResult c : chains) {
            if (c.sample() == null) {
                throw new IllegalStateException("realisation " + r + ": chain " + c.diagnostics().chain() + " failed");
            }
            stats.add(statistics.of(c.sample()));
            acceptance += c.diagnostics().acceptanceRate() / chains.size();
            evaluations += (double) c.diagnostics().scoreEvaluations() / chains.size();
        }
        double[] t = statistics.of(truth);
        int[] ranks = new int[t.length];
        double[] column = new double[stats.size()];
        for (int j = 0; j < t.length; j++) {
            for (int s = 0; s < column.length; s++) {
                column[s] = stats.get(s)[j];
            }
            ranks[j] = RankHistogram.rank(t[j], column, rng.nextDouble());
        }
        return new Realisation(r, samples, t, ranks, acceptance, evaluations);
    }
}
