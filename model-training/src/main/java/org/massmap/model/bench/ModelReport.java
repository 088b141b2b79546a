package org.massmap.model.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.SplittableRandom;
import org.massmap.catalog.BinnedShear;
import org.massmap.config.MapSettings;
import org.massmap.config.SamplerConfig;
import org.massmap.config.Settings;
import org.massmap.config.SimulationConfig;
import org.massmap.config.SurveyConfig;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.ShearModel;
import org.massmap.model.HybridPriorModel;
import org.massmap.model.ModelMetadata;
import org.massmap.model.ScoreModel;
import org.massmap.pipeline.PriorModel;
import org.massmap.pipeline.PriorSamples;
import org.massmap.pipeline.TileProblem;
import org.massmap.prior.GaussianPrior;
import org.massmap.prior.PowerMap;
import org.massmap.runtime.ThreadSettings;
import org.massmap.sampling.ChainResult;
import org.massmap.sampling.ScoreFunction;
import org.massmap.sim.ConvergenceSimulator;
import org.massmap.sim.HaloModel;
import org.massmap.sim.MaskSpec;
import org.massmap.sim.MockSurvey;
import org.massmap.sim.MockSurveySpec;
import org.massmap.stats.PowerSpectrumEstimator;
import org.massmap.theory.TabulatedConvergenceSpectrum;
import org.massmap.training.DsmValidation;
import org.massmap.training.SimulatedTrainingMaps;
import org.massmap.training.TrainingConfig;
import org.massmap.training.TrainingSetup;
import org.massmap.validation.EnsembleComparison;
import org.massmap.validation.MapMetrics;
import org.massmap.validation.OnePoint;
import org.massmap.validation.StudyRealisation;

/**
 * Evidence that a trained residual learned something, as Markdown for docs/model.md: held-out DSM
 * loss against the Gaussian score at several σ, Tweedie denoising against the Wiener (Gaussian)
 * denoiser, and posterior samples of a mock tile with the hybrid prior against the Gaussian prior
 * (power spectrum and one-point skewness against the truth). Written by {@code massmap bench model}.
 */
public final class ModelReport {
    private ModelReport() {
    }

    /**
     * Writes the report.
     *
     * @param out    where the Markdown goes
     * @param s      the settings (simulator, halos, survey noise and density, map.size, sampler)
     * @param model  the trained score model
     * @param maps   held-out maps per σ of the DSM loss (a quarter of them, at least 4, for the Tweedie
     *               denoising) and held-out simulations of the prior-only comparison
     * @param chains chains per prior, for the prior-only and the mock-tile comparisons
     * @param seed   seed of the held-out data (the report quotes the seeds derived from it)
     */
    public static void write(PrintWriter out, Settings s, ScoreModel model, int maps, int chains, long seed) throws Exception {
        ModelMetadata m = model.metadata();
        TrainingSetup setup = new TrainingSetup(m.network(), TrainingConfig.builder().cropSize(m.trainedNx()).sigma(m.sigma()).build(),
                m.prior(), m.pixelArcmin(), m.encoding(), m.residualWindow(), m.residualScaling());
        HaloModel halos = SimulationConfig.haloModel(s);
        double shift = s.positive("simulate.lognormal-shift");
        // held-out maps in the training geometry: whole periodic maps of the trained size (seeds never used in training)
        SimulatedTrainingMaps heldOut = new SimulatedTrainingMaps(m.trainedNx(), m.pixelArcmin(), m.prior(), shift, halos);

        out.printf(Locale.ROOT, "Model: %d parameters, %s, trained at %.3g arcmin on %d² crops, σ in [%.3g, %.3g], %s.%n%n",
                model.weights().parameterCount(), m.network().channels(), m.pixelArcmin(), m.trainedNx(), m.sigma().lo(),
                m.sigma().hi(), m.training());
        out.println("**Held-out denoising score matching loss** (" + maps + " fresh simulated maps per σ; lower is better):\n");
        out.println("| σ | Gaussian score alone | hybrid (Gaussian + residual) | improvement |");
        out.println("|---|---|---|---|");
        for (double sigma : new double[] {0.002, 0.005, 0.01, 0.02, 0.05, 0.1}) {
            if (sigma < m.sigma().lo() || sigma > m.sigma().hi()) {
                continue;
            }
            DsmValidation.Result r = DsmValidation.heldOutAtSigma(setup, heldOut, maps, seed + 1000, sigma).evaluate(model.network());
            out.printf(Locale.ROOT, "| %.3g | %.4f | %.4f | %.1f%% |%n", sigma, r.gaussianLoss(), r.hybridLoss(), 100 * r.improvement());
        }

        out.println("\n**Tweedie denoising** x̂ = x' + σ² s(x', σ) of held-out maps x' = x + σu (MSE against x, relative to"
                + " the noise variance σ²; the Gaussian score gives the Wiener denoiser):\n");
        out.println("| σ | Wiener (Gaussian score) | hybrid score |");
        out.println("|---|---|---|");
        int n = m.trainedNx();
        TileGrid grid = TileGrid.square(n, m.pixelArcmin(), new SkyPoint(0, 0));
        ScoreFunction hybrid = model.hybridScore(grid);
        ScoreFunction gaussian = new GaussianPrior(m.prior().powerMap(grid));
        for (double sigma : new double[] {0.01, 0.02, 0.05}) {
            Random rng = new Random(seed + 7);
            double mseH = 0;
            double mseG = 0;
            int count = Math.max(4, maps / 4);
            for (int k = 0; k < count; k++) {
                double[] x = heldOut.next(rng);
                double[] noisy = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    noisy[i] = x[i] + sigma * rng.nextGaussian();
                }
                double[] sh = hybrid.score(noisy, sigma);
                double[] sg = gaussian.score(noisy, sigma);
                for (int i = 0; i < x.length; i++) {
                    double dh = noisy[i] + sigma * sigma * sh[i] - x[i];
                    double dg = noisy[i] + sigma * sigma * sg[i] - x[i];
                    mseH += dh * dh / (x.length * (double) count);
                    mseG += dg * dg / (x.length * (double) count);
                }
            }
            out.printf(Locale.ROOT, "| %.3g | %.4f | %.4f |%n", sigma, mseG / (sigma * sigma), mseH / (sigma * sigma));
        }

        ScorePathCheck.write(out, hybrid, gaussian, heldOut, Math.max(4, maps / 4), seed + 11);
        StationarityCheck.write(out, grid, hybrid, gaussian, heldOut, maps,
                new double[] {m.sigma().lo(), 0.003, 0.006, 0.012, 0.025, 0.05, 0.1}, seed + 13);

        priorOnly(out, s, model, grid, halos, shift, chains, maps, seed);

        out.println("\n**Posterior samples of a mock tile** (simulator truth, demo noise and mask; " + chains
                + " chains each): samples should look like the truth — its power and skewness — not like smoothed maps.\n");
        posteriorComparison(out, s, model, chains, seed);
    }

    /**
     * Only the stability part of {@link #write}: prior-only samples and chains started at the
     * simulations, against the same held-out simulations and seeds (the quick check to run on a
     * candidate model before the full report).
     */
    public static void writeStability(PrintWriter out, Settings s, ScoreModel model, int maps, int chains, long seed) throws Exception {
        ModelMetadata m = model.metadata();
        HaloModel halos = SimulationConfig.haloModel(s);
        TileGrid grid = TileGrid.square(m.trainedNx(), m.pixelArcmin(), new SkyPoint(0, 0));
        out.printf(Locale.ROOT, "Model: %d parameters, %s, trained at %.3g arcmin on %d² maps, σ in [%.3g, %.3g], %s, %s.%n",
                model.weights().parameterCount(), m.network().channels(), m.pixelArcmin(), m.trainedNx(), m.sigma().lo(),
                m.sigma().hi(), m.encoding(), m.training());
        priorOnly(out, s, model, grid, halos, s.positive("simulate.lognormal-shift"), chains, maps, seed);
    }

    /**
     * Prior-only samples (the sampler with no data) of the hybrid and of the Gaussian prior against
     * held-out simulations on the training grid: band powers, skewness, one-point PDF, and peak counts
     * of the 2′- and 4′-smoothed maps above thresholds in units of the demo survey's smoothed shape noise.
     */
    private static void priorOnly(PrintWriter out, Settings s, ScoreModel model, TileGrid grid, HaloModel halos, double shift,
            int chains, int maps, long seed) {
        ModelMetadata m = model.metadata();
        PowerMap power = m.prior().powerMap(grid);
        ConvergenceSimulator sim = new ConvergenceSimulator(grid, power, shift, halos);
        SplittableRandom rng = new SplittableRandom(seed + 2000);
        List<double[]> sims = new ArrayList<>();
        for (int i = 0; i < maps; i++) {
            sims.add(sim.draw(rng).kappa());
        }
        SamplerConfig sampler = SamplerConfig.from(s);
        int threads = Runtime.getRuntime().availableProcessors();
        ThreadSettings.configure(1);
        long t0 = System.nanoTime();
        List<double[]> hybrid = PriorSamples.draw(grid, power, model.hybridScore(grid), sampler, chains, threads);
        double hybridSeconds = (System.nanoTime() - t0) * 1e-9;
        List<double[]> gaussian = PriorSamples.draw(grid, power, new GaussianPrior(power), sampler, chains, threads);
        double pixel = m.pixelArcmin();
        double sigmaPixel = SurveyConfig.pixelNoise(s, pixel);
        double[] scales = {2, 4};
        double[] noise = new double[scales.length];
        for (int i = 0; i < scales.length; i++) {
            noise[i] = sigmaPixel / (Math.sqrt(4 * Math.PI) * scales[i] / pixel); // white noise through a unit-sum Gaussian of std s
        }
        double[] nu = {1, 2, 3, 4, 5};
        EnsembleComparison h = EnsembleComparison.of(grid, hybrid, sims, 8, scales, noise, nu);
        EnsembleComparison g = EnsembleComparison.of(grid, gaussian, sims, 8, scales, noise, nu);
        out.printf(Locale.ROOT, "%n**Prior-only samples** (%d chains each of the default sampler with no data on a %d² periodic tile,"
                + " %.0f core-s per hybrid sample) **against %d held-out simulations** (seed %d). Ratios ± 1σ; the issue's"
                + " bounds are 10%% on band powers and 20%% on peak counts.%n%n", hybrid.size(), grid.nx(),
                hybridSeconds * threads / Math.max(1, hybrid.size()), maps, seed + 2000);
        out.println("| ℓ | hybrid / simulations | Gaussian prior / simulations |");
        out.println("|---|---|---|");
        for (int b = 0; b < h.ell().length; b++) {
            out.printf(Locale.ROOT, "| %.0f | %.3f ± %.3f | %.3f ± %.3f |%n", h.ell()[b], h.powerRatio()[b], h.powerRatioErr()[b],
                    g.powerRatio()[b], g.powerRatioErr()[b]);
        }
        out.printf(Locale.ROOT, "%nSkewness per map: simulations %.2f ± %.2f, hybrid %.2f ± %.2f, Gaussian prior %.2f ± %.2f.%n%n",
                h.skewness()[1], h.skewnessErr()[1], h.skewness()[0], h.skewnessErr()[0], g.skewness()[0], g.skewnessErr()[0]);
        out.println("| κ / σ (simulations' pixel std) | simulations | hybrid | Gaussian prior |");
        out.println("|---|---|---|---|");
        double[] e = h.pdfEdges();
        for (int b = 0; b < h.pdf()[0].length; b++) {
            out.printf(Locale.ROOT, "| %s – %s | %.4f | %.4f | %.4f |%n", edge(e[b]), edge(e[b + 1]), h.pdf()[1][b], h.pdf()[0][b], g.pdf()[0][b]);
        }
        out.println("\n| smoothing | threshold | σ_ref | peaks per map, simulations | hybrid / simulations | Gaussian / simulations |");
        out.println("|---|---|---|---|---|---|");
        for (int k = 0; k < scales.length; k++) {
            var ph = h.peaks().get(k);
            var pg = g.peaks().get(k);
            for (int t = 0; t < nu.length; t++) {
                out.printf(Locale.ROOT, "| %.0f′ | %.0f σ_ref | %.4f | %.2f ± %.2f | %.2f ± %.2f | %.2f ± %.2f |%n", scales[k], nu[t], noise[k],
                        ph.reference()[t], ph.referenceErr()[t], ph.ratio(t), ph.ratioErr(t), pg.ratio(t), pg.ratioErr(t));
            }
        }
        stayAtSimulations(out, grid, power, model, sim, sims, sampler, Math.max(4, chains / 4), seed, threads);
        out.flush();
    }

    /** Chains started at held-out simulations + σ_min noise and kept at σ_min: does each prior leave them as they are? */
    private static void stayAtSimulations(PrintWriter out, TileGrid grid, PowerMap power, ScoreModel model, ConvergenceSimulator sim,
            List<double[]> reference, SamplerConfig sampler, int count, long seed, int threads) {
        SplittableRandom rng = new SplittableRandom(seed + 2500);
        List<double[]> starts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            starts.add(sim.draw(rng).kappa());
        }
        int adapt = 80;
        int last = 100;
        List<double[]> hybrid = PriorSamples.stayFrom(grid, power, model.hybridScore(grid), sampler, starts, adapt, last, threads);
        List<double[]> gaussian = PriorSamples.stayFrom(grid, power, new GaussianPrior(power), sampler, starts, adapt, last, threads);
        EnsembleComparison h = EnsembleComparison.of(grid, hybrid, reference, 8, new double[0], new double[0], new double[0]);
        EnsembleComparison g = EnsembleComparison.of(grid, gaussian, reference, 8, new double[0], new double[0], new double[0]);
        out.printf(Locale.ROOT, "%n**Started at the simulations** (%d chains per prior, each started at a held-out simulation"
                + " (seed %d) + σ_min noise and kept at σ_min: %d iterations on each of two levels while the step adapts, then %d"
                + " with it frozen). A sampler of a right prior leaves the maps' statistics where they were.%n%n", count, seed + 2500,
                adapt, last);
        out.println("| ℓ | hybrid / simulations | Gaussian prior / simulations |");
        out.println("|---|---|---|");
        for (int b = 0; b < h.ell().length; b++) {
            out.printf(Locale.ROOT, "| %.0f | %.3g ± %.2g | %.3f ± %.3f |%n", h.ell()[b], h.powerRatio()[b], h.powerRatioErr()[b],
                    g.powerRatio()[b], g.powerRatioErr()[b]);
        }
        out.printf(Locale.ROOT, "%nSkewness per map: simulations %.2f, hybrid %.2f, Gaussian prior %.2f.%n", h.skewness()[1],
                h.skewness()[0], g.skewness()[0]);
    }

    private static String edge(double v) {
        return Double.isInfinite(v) ? (v < 0 ? "−∞" : "∞") : String.format(Locale.ROOT, "%.0f", v);
    }

    private static void posteriorComparison(PrintWriter out, Settings s, ScoreModel model, int chains, long seed) throws Exception {
        ModelMetadata m = model.metadata();
        int size = s.positiveInt("map.size");
        MockSurveySpec spec = new MockSurveySpec(size, m.pixelArcmin(), new SkyPoint(30, -10), s.positive("survey.galaxies-per-arcmin2"),
                s.positive("survey.sigma-e"), s.positive("simulate.lognormal-shift"), new MaskSpec(100, 0, 3, 1, 3, 0, 0),
                ShearModel.REDUCED_SHEAR);
        TabulatedConvergenceSpectrum cl = new TabulatedConvergenceSpectrum(m.prior().ell(), m.prior().cl(), "the model's C_ell");
        SplittableRandom rng = new SplittableRandom(seed);
        MockSurvey mock = MockSurvey.generate(spec, MockSurvey.truthSimulator(spec, cl::cl, SimulationConfig.haloModel(s)), rng);
        BinnedShear binned = StudyRealisation.bin(mock, new MapSettings(size, m.pixelArcmin(),
                Optional.of(mock.grid().centre()), OptionalDouble.empty(), false, false, ShearModel.REDUCED_SHEAR));
        SamplerConfig sampler = SamplerConfig.from(s);
        PowerSpectrumEstimator est = new PowerSpectrumEstimator(mock.grid(), 8);
        double[] truthCl = est.estimate(mock.truthKappa());
        boolean[] mask = binned.mask();
        OnePoint truth = OnePoint.of(mock.truthKappa(), mask);
        out.println("| prior | samples' C_ℓ / truth's C_ℓ, low → high ℓ | skewness of samples (truth " + String.format(Locale.ROOT,
                "%.2f", truth.skewness()) + ") | std of samples (truth " + String.format(Locale.ROOT, "%.4f", truth.std())
                + ") | RMSE of the mean | s per sample |");
        out.println("|---|---|---|---|---|---|");
        ThreadSettings.configure(1);
        for (PriorModel prior : new PriorModel[] {PriorModel.gaussian(), new HybridPriorModel(model)}) {
            long t0 = System.nanoTime();
            TileProblem problem = new TileProblem("report", binned, ShearModel.REDUCED_SHEAR, cl, prior, sampler);
            List<ChainResult> results = problem.sample(0, chains, Runtime.getRuntime().availableProcessors(), null);
            double seconds = (System.nanoTime() - t0) * 1e-9;
            List<double[]> samples = new ArrayList<>();
            results.forEach(r -> {
                if (r.sample() != null) {
                    samples.add(r.sample());
                }
            });
            double[] ratio = new double[truthCl.length];
            double[] mean = new double[mock.grid().size()];
            for (double[] x : samples) {
                double[] c = est.estimate(x);
                for (int b = 0; b < ratio.length; b++) {
                    ratio[b] += c[b] / truthCl[b] / samples.size();
                }
                for (int i = 0; i < mean.length; i++) {
                    mean[i] += x[i] / samples.size();
                }
            }
            StringBuilder r = new StringBuilder();
            for (double v : ratio) {
                r.append(String.format(Locale.ROOT, "%s%.2f", r.length() == 0 ? "" : " ", v));
            }
            OnePoint onePoint = OnePoint.meanOver(samples, mask);
            out.printf(Locale.ROOT, "| %s | %s | %.2f | %.4f | %.4f | %.1f |%n", prior.describe().split(" \\(")[0], r,
                    onePoint.skewness(), onePoint.std(), MapMetrics.of(mean, mock.truthKappa(), mask).rmse(), seconds * Runtime.getRuntime().availableProcessors()
                            / samples.size());
            out.flush();
        }
    }
}
