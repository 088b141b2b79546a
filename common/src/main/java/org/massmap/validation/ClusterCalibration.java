package org.massmap.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.massmap.catalog.BinnedShear;
import org.massmap.config.MapSettings;
import org.massmap.config.SamplerConfig;
import org.massmap.grid.TileGrid;
import org.massmap.pipeline.PriorModel;
import org.massmap.pipeline.TilePosterior;
import org.massmap.pipeline.TileProblem;
import org.massmap.sampling.ChainResult;
import org.massmap.sampling.ChainSeeds;
import org.massmap.sim.ConvergenceSimulator;
import org.massmap.sim.Halo;
import org.massmap.sim.HaloModel;
import org.massmap.sim.HaloRenderer;
import org.massmap.sim.MockSurvey;
import org.massmap.sim.MockSurveySpec;
import org.massmap.stats.ClusterCandidate;
import org.massmap.stats.ClusterDetector;
import org.massmap.stats.ClusterSettings;
import org.massmap.stats.FrequencyCounts;
import org.massmap.stats.MeanRemoval;
import org.massmap.stats.PeakFinder;
import org.massmap.stats.PosteriorSummary;
import org.massmap.stats.SmoothedNoiseStd;
import org.massmap.theory.ConvergenceSpectrum;

/**
 * Calibration of the cluster-frequency product on posterior samples of mocks (docs/validation.md,
 * "Cluster frequency: calibration on the product"). Realisation r observes, with the survey section's
 * mask, density, σ_e and shear model on a map.size tile:
 *
 * <ul>
 * <li><b>halo-free</b>: a Gaussian field of the prior's C_ℓ (no halos, no lognormal skewness);</li>
 * <li><b>noise-only</b>: κ = 0, shape noise only;</li>
 * <li><b>injected</b>: the same field, mask and galaxies as the halo-free case plus one NFW halo at
 * redshift {@value #HALO_REDSHIFT}, its mass chosen so that its true S/N is a uniform draw in
 * [snrMin, snrMax]. True S/N = the halo's own κ, aperture-smoothed, at its pixel, over the exact
 * shape-noise std σ_S of the same statistic there ({@link SmoothedNoiseStd}).</li>
 * </ul>
 *
 * Each is sampled by the posterior and its frequency map made exactly as the product makes it
 * ({@link TilePosterior#summarize}: σ_S from clusters.noise-realisations noise-only maps), and once
 * more with the exact σ_S; for both it records every candidate's frequency (floor 1/(2S), so the
 * list at any threshold f ≥ 1/S is the product's candidate list at min-frequency f), and the
 * frequency at {@code randomPositions} uniform pixels of the footprint. Halos and random positions
 * are uniform over observed pixels at least {@link #margin} pixels from the tile's edge.
 *
 * <p>Seeds (pure functions of (seed, r), so realisations run in any order and resume): field, mask
 * and galaxies from {@code ChainSeeds.seed(seed, "cluster-truth", r)}, the noise-only catalog from
 * (seed, "cluster-noise", r), the halo from (seed, "cluster-halo", r), random positions from (seed,
 * "cluster-random", r); chains from run seed {@code seed} and tile id "cluster-KIND-r", the
 * product's noise-only maps from that tile id as in the product. Thread-safe.
 */
public final class ClusterCalibration {
    /** Redshift of the injected halos. */
    public static final double HALO_REDSHIFT = 0.3;
    private static final double LOG_MASS_MIN = 11;
    private static final double LOG_MASS_MAX = 16.5;

    /**
     * One detector's outcome on one posterior.
     *
     * @param candidates frequencies of its candidates (local maxima of the frequency map in the footprint, ≥ 1/S), decreasing
     * @param random     the frequency at each random position
     */
    public record Detection(double[] candidates, double[] random) {
    }

    /**
     * One posterior.
     *
     * @param samples        samples drawn (S)
     * @param observedDeg2   observed area, deg² (the pixels of the mask)
     * @param product        the product's detector (σ_S from clusters.noise-realisations noise-only maps)
     * @param exact          the same with the exact σ_S
     * @param sigmaRatioMean mean over observed pixels of σ_S(product) / σ_S(exact)
     * @param sigmaRatioRms  rms over observed pixels of σ_S(product) / σ_S(exact) − 1
     * @param acceptance     mean HMC acceptance rate
     * @param seconds        wall seconds of the sampling
     */
    public record Case(int samples, double observedDeg2, Detection product, Detection exact, double sigmaRatioMean,
            double sigmaRatioRms, double acceptance, double seconds) {
    }

    /**
     * The injected halo and its detection.
     *
     * @param targetSnr       the S/N asked for
     * @param snr             its true S/N (exact σ_S)
     * @param snrProduct      the same over the product's σ_S
     * @param m200            M200c, M_sun/h
     * @param x               pixel column
     * @param y               pixel row
     * @param frequency       the product's frequency at the halo's pixel
     * @param frequencyExact  the same with the exact σ_S
     * @param candidate       highest frequency of a product candidate within clusters.radius-arcmin of the halo (0 if none)
     * @param candidateExact  the same with the exact σ_S
     */
    public record Injection(double targetSnr, double snr, double snrProduct, double m200, int x, int y, double frequency,
            double frequencyExact, double candidate, double candidateExact) {
    }

    /** Realisation r's three posteriors. */
    public record Realisation(int index, int samples, Case haloFree, Case noiseOnly, Case injected, Injection halo) {
    }

    private final MockSurveySpec spec;
    private final MapSettings map;
    private final ConvergenceSpectrum cl;
    private final PriorModel prior;
    private final SamplerConfig sampler;
    private final ClusterSettings clusters;
    private final HaloModel haloModel;
    private final ConvergenceSimulator field;
    private final double snrMin;
    private final double snrMax;
    private final int randomPositions;
    private final long seed;

    /**
     * @param survey          the survey section's spec; its size and pixel are replaced by the map's, its truth made Gaussian
     * @param map             the tile (map.size, map.pixel-arcmin, shear model, shape noise of the binning)
     * @param cl              the prior's C_ℓ (the fields' power, the posterior's Gaussian part)
     * @param clusters        the product's cluster settings (min-frequency is not used: all candidates are kept)
     * @param haloModel       profiles of the injected halos (cosmology, n(z))
     * @param randomPositions random positions per posterior
     */
    public ClusterCalibration(MockSurveySpec survey, MapSettings map, ConvergenceSpectrum cl, PriorModel prior, SamplerConfig sampler,
            ClusterSettings clusters, HaloModel haloModel, double snrMin, double snrMax, int randomPositions, long seed) {
        if (!(snrMin > 0 && snrMax >= snrMin)) {
            throw new IllegalArgumentException("injected S/N range must satisfy 0 < min <= max, got " + snrMin + ", " + snrMax);
        }
        if (randomPositions < 1) {
            throw new IllegalArgumentException("random positions must be at least 1, got " + randomPositions);
        }
        prior.requireSigmaMax(sampler.schedule().sigmaMax());
        this.spec = new MockSurveySpec(map.size(), map.pixelArcmin(), survey.centre(), survey.galaxiesPerArcmin2(), survey.sigmaE(), 0,
                survey.mask(), survey.shearModel());
        this.map = map;
        this.cl = cl;
        this.prior = prior;
        this.sampler = sampler;
        this.clusters = clusters;
        this.haloModel = haloModel;
        this.field = MockSurvey.truthSimulator(spec, cl::cl, null);
        this.snrMin = snrMin;
        this.snrMax = snrMax;
        this.randomPositions = randomPositions;
        this.seed = seed;
    }

    /** The mock spec of every realisation (the survey's, at the map's size and pixel, Gaussian truth). */
    public MockSurveySpec spec() {
        return spec;
    }

    /** Edge margin of halos and random positions, pixels: the aperture (rounded up) plus one. */
    public int margin() {
        return (int) Math.ceil(clusters.apertureArcmin() / spec.pixelArcmin()) + 1;
    }

    /** Runs realisation r with {@code samples} samples per posterior. */
    public Realisation run(int r, int samples, int threads) throws Exception {
        if (samples < 2) {
            throw new IllegalArgumentException("the frequency needs at least 2 samples, got " + samples);
        }
        long truthSeed = ChainSeeds.seed(seed, "cluster-truth", r);
        MockSurvey free = MockSurvey.generate(spec, field, new SplittableRandom(truthSeed));
        BinnedShear freeBinned = StudyRealisation.bin(free, map);
        TileGrid grid = freeBinned.grid();
        double[] exactFree = SmoothedNoiseStd.of(grid, clusters, freeBinned.noiseSigma(), freeBinned.mask());

        SplittableRandom haloRng = new SplittableRandom(ChainSeeds.seed(seed, "cluster-halo", r));
        double target = snrMin + (snrMax - snrMin) * haloRng.nextDouble();
        List<Integer> eligible = eligible(grid, freeBinned.mask());
        int pixel = eligible.get(haloRng.nextInt(eligible.size()));
        int hx = pixel % grid.nx();
        int hy = pixel / grid.nx();
        Halo halo = haloFor(grid, hx, hy, target, exactFree[pixel]);
        SplittableRandom injectedRng = new SplittableRandom(truthSeed);
        ConvergenceSimulator.Draw draw = field.draw(injectedRng);
        double[] kappa = draw.kappa().clone();
        HaloRenderer.add(field.grid(), List.of(halo), kappa, HaloRenderer.Boundary.PERIODIC);
        MeanRemoval.removeMean(kappa);
        MockSurvey injected = MockSurvey.generate(spec, new ConvergenceSimulator.Draw(kappa, List.of(halo)), injectedRng);
        BinnedShear injectedBinned = StudyRealisation.bin(injected, map);

        MockSurvey noise = MockSurvey.generate(spec, new ConvergenceSimulator.Draw(new double[field.grid().size()], List.of()),
                new SplittableRandom(ChainSeeds.seed(seed, "cluster-noise", r)));
        BinnedShear noiseBinned = StudyRealisation.bin(noise, map);

        SplittableRandom randomRng = new SplittableRandom(ChainSeeds.seed(seed, "cluster-random", r));
        Posterior haloFree = posterior("halo-free", r, freeBinned, samples, threads, randomRng);
        Posterior noiseOnly = posterior("noise-only", r, noiseBinned, samples, threads, randomRng);
        Posterior withHalo = posterior("injected", r, injectedBinned, samples, threads, randomRng);

        double signal = haloSignal(grid, halo, pixel);
        double radius = clusters.radiusArcmin() / grid.pixelArcmin();
        Injection injection = new Injection(target, signal / withHalo.exactStd[pixel], signal / withHalo.productStd[pixel], halo.m200(),
                hx, hy, withHalo.productFrequency[pixel], withHalo.exactFrequency[pixel], nearest(withHalo.productCandidates, hx, hy, radius),
                nearest(withHalo.exactCandidates, hx, hy, radius));
        return new Realisation(r, samples, haloFree.result, noiseOnly.result, withHalo.result, injection);
    }

    /**
     * The real structure of realisation r's halo-free truth, for reading its false positives and the
     * halos' detection: the truth is the tile's κ minus its mean over observed pixels, aperture-smoothed,
     * without noise, in units of the exact σ_S. The same truth, mask and noise as {@link #run}'s
     * halo-free case; no sampling.
     *
     * @param peaks       per level of {@code levels}, local maxima in the footprint with true S/N ≥ it
     * @param areaDeg2    observed area, deg²
     * @param snrAtHalo   the field's true S/N at the injected halo's pixel (what the field adds to the halo's own)
     */
    public record TruthStructure(double[] peaks, double areaDeg2, double snrAtHalo) {
    }

    /** Realisation r's {@link TruthStructure}, the halo at pixel (x, y) as {@link #run} recorded it. */
    public TruthStructure truth(int r, double[] levels, int haloX, int haloY) throws Exception {
        MockSurvey free = MockSurvey.generate(spec, field, new SplittableRandom(ChainSeeds.seed(seed, "cluster-truth", r)));
        BinnedShear binned = StudyRealisation.bin(free, map);
        TileGrid grid = binned.grid();
        boolean[] mask = binned.mask();
        double[] exact = SmoothedNoiseStd.of(grid, clusters, binned.noiseSigma(), mask);
        double[] truth = free.truthKappa().clone();
        double mean = 0;
        int observed = 0;
        for (int i = 0; i < truth.length; i++) {
            if (mask[i]) {
                mean += truth[i];
                observed++;
            }
        }
        mean /= Math.max(1, observed);
        for (int i = 0; i < truth.length; i++) {
            truth[i] -= mean;
        }
        double[] smooth = ClusterDetector.smoother(grid, clusters).smooth(truth);
        double[] counts = new double[levels.length];
        for (int l = 0; l < levels.length; l++) {
            double[] threshold = new double[exact.length];
            for (int i = 0; i < threshold.length; i++) {
                threshold[i] = levels[l] * exact[i];
            }
            counts[l] = PeakFinder.peaks(smooth, grid.nx(), grid.ny(), threshold, mask).size();
        }
        int at = haloY * grid.nx() + haloX;
        return new TruthStructure(counts, observed * grid.pixelDeg() * grid.pixelDeg(), smooth[at] / exact[at]);
    }

    /** Observed pixels at least {@link #margin} pixels from the tile's edge. */
    List<Integer> eligible(TileGrid grid, boolean[] mask) {
        int m = margin();
        List<Integer> out = new ArrayList<>();
        for (int y = m; y < grid.ny() - m; y++) {
            for (int x = m; x < grid.nx() - m; x++) {
                if (mask[y * grid.nx() + x]) {
                    out.add(y * grid.nx() + x);
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no observed pixel lies " + m + " pixels or more inside the " + grid.nx() + "x" + grid.ny()
                    + " tile; raise map.size");
        }
        return out;
    }

    /** The halo at pixel (x, y) whose true S/N is {@code target}, by bisection in log M (clamped to [10^11, 10^16.5]). */
    private Halo haloFor(TileGrid grid, int x, int y, double target, double sigmaS) {
        double lo = LOG_MASS_MIN;
        double hi = LOG_MASS_MAX;
        int pixel = y * grid.nx() + x;
        for (int i = 0; i < 40; i++) {
            double mid = 0.5 * (lo + hi);
            if (haloSignal(grid, halo(grid, x, y, mid), pixel) / sigmaS < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return halo(grid, x, y, 0.5 * (lo + hi));
    }

    private Halo halo(TileGrid grid, int x, int y, double log10Mass) {
        double m = Math.pow(10, log10Mass);
        return new Halo(grid.pixelCentre(x, y), haloModel.profile(m, HALO_REDSHIFT), m, HALO_REDSHIFT);
    }

    /** The halo's own κ on the tile, aperture-smoothed, at the pixel (as the study's true S/N numerator). */
    private double haloSignal(TileGrid grid, Halo h, int pixel) {
        double[] only = new double[grid.size()];
        HaloRenderer.add(grid, List.of(h), only);
        return ClusterDetector.smoother(grid, clusters).smooth(only)[pixel];
    }

    private static double nearest(List<ClusterCandidate> candidates, int x, int y, double radius) {
        double best = 0;
        for (ClusterCandidate c : candidates) {
            if (Math.hypot(c.x() - x, c.y() - y) <= radius) {
                best = Math.max(best, c.frequency());
            }
        }
        return best;
    }

    /** One posterior's maps and record. */
    private record Posterior(Case result, double[] productFrequency, double[] exactFrequency, double[] productStd, double[] exactStd,
            List<ClusterCandidate> productCandidates, List<ClusterCandidate> exactCandidates) {
    }

    private Posterior posterior(String kind, int r, BinnedShear binned, int samples, int threads, SplittableRandom randomRng) {
        long t0 = System.nanoTime();
        TileProblem problem = new TileProblem("cluster-" + kind + "-" + r, binned, map.shearModel(), cl, prior, sampler);
        List<ChainResult> chains = problem.sample(0, samples, threads, null);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        List<double[]> draws = new ArrayList<>();
        double acceptance = 0;
        for (ChainResult c : chains) {
            acceptance += c.diagnostics().acceptanceRate() / chains.size();
            if (c.sample() != null) {
                draws.add(c.sample());
            }
        }
        ClusterSettings all = allCandidates(samples);
        PosteriorSummary summary = TilePosterior.summarize(problem, draws, all);
        TileGrid grid = binned.grid();
        boolean[] mask = binned.mask();
        double[] exactStd = SmoothedNoiseStd.of(grid, clusters, binned.noiseSigma(), mask);
        ClusterDetector exact = new ClusterDetector(grid, all, exactStd, mask);
        FrequencyCounts counts = new FrequencyCounts(grid.size());
        for (double[] s : draws) {
            counts.add(exact.coverage(s));
        }
        double[] exactFrequency = counts.frequency();
        List<ClusterCandidate> exactCandidates = exact.candidates(exactFrequency, summary.mean());
        List<Integer> eligible = eligible(grid, mask);
        int[] at = new int[randomPositions];
        for (int i = 0; i < at.length; i++) {
            at[i] = eligible.get(randomRng.nextInt(eligible.size()));
        }
        double[] productStd = summary.clusterNoiseStd();
        double sum = 0;
        double sumSq = 0;
        int observed = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                double q = productStd[i] / exactStd[i];
                sum += q;
                sumSq += (q - 1) * (q - 1);
                observed++;
            }
        }
        Case result = new Case(draws.size(), observed * grid.pixelDeg() * grid.pixelDeg(),
                detection(summary.candidates(), summary.clusterFrequency(), at), detection(exactCandidates, exactFrequency, at),
                sum / observed, Math.sqrt(sumSq / observed), acceptance, seconds);
        return new Posterior(result, summary.clusterFrequency(), exactFrequency, productStd, exactStd, summary.candidates(),
                exactCandidates);
    }

    /** The product's settings with a candidate floor of 1/(2S): every candidate of frequency ≥ 1/S is listed. */
    private ClusterSettings allCandidates(int samples) {
        return new ClusterSettings(clusters.apertureArcmin(), clusters.snrThreshold(), clusters.radiusArcmin(), 0.5 / samples,
                clusters.noiseRealisations());
    }

    private static Detection detection(List<ClusterCandidate> candidates, double[] frequency, int[] at) {
        double[] c = candidates.stream().mapToDouble(ClusterCandidate::frequency).toArray();
        Arrays.sort(c);
        for (int i = 0; i < c.length / 2; i++) {
            double t = c[i];
            c[i] = c[c.length - 1 - i];
            c[c.length - 1 - i] = t;
        }
        double[] random = new double[at.length];
        for (int i = 0; i < at.length; i++) {
            random[i] = frequency[at[i]];
        }
        return new Detection(c, random);
    }
}
