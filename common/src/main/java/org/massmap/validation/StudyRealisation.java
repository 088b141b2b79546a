package org.massmap.validation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.massmap.catalog.BinnedShear;
import org.massmap.catalog.CatalogException;
import org.massmap.catalog.ShearAccumulator;
import org.massmap.catalog.ShearBinner;
import org.massmap.config.MapSettings;
import org.massmap.config.SamplerConfig;
import org.massmap.config.Settings;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.GaussianSmoother;
import org.massmap.pipeline.PriorModel;
import org.massmap.pipeline.TileData;
import org.massmap.pipeline.TilePosterior;
import org.massmap.pipeline.TileProblem;
import org.massmap.sampling.ChainResult;
import org.massmap.sim.Halo;
import org.massmap.sim.HaloRenderer;
import org.massmap.sim.MockSurvey;
import org.massmap.stats.ClusterSettings;
import org.massmap.stats.PixelQuantiles;
import org.massmap.stats.PosteriorSummary;
import org.massmap.stats.PowerSpectrumEstimator;
import org.massmap.theory.ConvergenceSpectrum;
import org.massmap.wiener.ReducedShearWiener;

/**
 * One realisation of the validation study (docs/validation.md): Kaiser-Squires (raw and smoothed at
 * the scale chosen beforehand on separate realisations, {@link KsCalibration}), the Wiener filter and
 * the posterior of each prior on one mock survey, scored against the mock's truth inside the mask. κ
 * is dimensionless; angles are in arcmin unless a name says otherwise; band powers are pseudo-C_ℓ on
 * the apodised footprint ({@link FootprintWindow}) in the bands of a 10-band estimator of the tile.
 */
public final class StudyRealisation {
    /** Nominal central interval levels (fractions) whose empirical coverage is measured, in increasing order. */
    static final double[] LEVELS = {0.2, 0.4, 0.6, 0.68, 0.8, 0.9, 0.95};
    /** Smoothing σ of the scale-by-scale RMSE and Pearson r: the pixel, 2′ and 4′. */
    static final List<Double> AGREEMENT_SCALES = List.of(0.0, 2.0, 4.0);
    /** Fixed-point steps of the reduced-shear Wiener baseline ({@link ReducedShearWiener}). */
    static final int WIENER_FIXED_POINT_STEPS = 5;
    /** ℓ bands of the cross-correlation r(ℓ). */
    static final int AGREEMENT_BANDS = 6;
    /** ℓ bands of the band powers ({@link BandPowers}). */
    static final int SPECTRUM_BANDS = 10;

    /**
     * A posterior method.
     *
     * @param name    the method's name in tables and file names ("gaussian", "hybrid")
     * @param prior   its prior
     * @param cl      the C_ℓ of its Gaussian part and of its power map (a hybrid model's own, which its score
     *                rebuilds), or null for the study's C_ℓ; read by {@link StudyRealisation#run} only
     * @param samples its posterior samples per realisation, or 0 for the sampler's chains; read by
     *                {@link StudyRealisation#run} only (the other studies draw the sampler's chains)
     */
    public record Method(String name, PriorModel prior, ConvergenceSpectrum cl, int samples) {
        public Method {
            if (samples < 0) {
                throw new IllegalArgumentException("samples of " + name + " must be >= 0 (0 = the sampler's chains), got " + samples);
            }
        }

        /** A method with the study's C_ℓ and the sampler's chains. */
        public Method(String name, PriorModel prior) {
            this(name, prior, null, 0);
        }
    }

    /**
     * A posterior method's scores on one realisation.
     *
     * @param rmse                 RMSE of the posterior mean against the truth (inside the mask, mean-subtracted)
     * @param pearson              Pearson correlation of the posterior mean with the truth
     * @param coverage             empirical coverage of the central intervals at each of {@link StudyRealisation#levels()}
     * @param skewness             one-point skewness of the samples inside the mask (mean over samples)
     * @param std                  pixel standard deviation of the samples inside the mask (mean over samples)
     * @param falsePeaksPerDeg2    false peaks per square degree of the posterior summary
     * @param detections           per injected halo observed in the footprint: {true aperture S/N, detection
     *                             frequency across samples, log10 M200 (M200 in M_sun/h)}
     * @param secondsPerSample     core-seconds per sample (wall time × available processors / samples)
     * @param evaluationsPerSample score evaluations per chain
     * @param samples              samples drawn (N, the samples the posterior mean averages)
     * @param rmseMcCorrected      RMSE of the posterior mean with the Monte-Carlo excess of the N-sample mean removed,
     *                             √max(0, rmse² − {@code mcExcessMse}): an estimate of the RMSE of the mean of infinitely
     *                             many samples, over the same pixels as {@code rmse} ({@link MonteCarloExcess})
     * @param mcExcessMse          the Monte-Carlo excess of the squared error, mean over those pixels of s²/N (κ²), s² the
     *                             unbiased per-pixel variance of the mean-subtracted samples
     */
    public record MethodResult(String name, double rmse, double pearson, double[] coverage, double skewness,
            double std, double falsePeaksPerDeg2, List<double[]> detections, double secondsPerSample, double evaluationsPerSample,
            int samples, double rmseMcCorrected, double mcExcessMse) implements java.io.Serializable {

        /** A result without the Monte-Carlo correction (NaN there). */
        public MethodResult(String name, double rmse, double pearson, double[] coverage, double skewness, double std,
                double falsePeaksPerDeg2, List<double[]> detections, double secondsPerSample, double evaluationsPerSample,
                int samples) {
            this(name, rmse, pearson, coverage, skewness, std, falsePeaksPerDeg2, detections, secondsPerSample, evaluationsPerSample,
                    samples, Double.NaN, Double.NaN);
        }
    }

    /**
     * Everything scored on one realisation (written to the study's JSON as it is).
     *
     * @param galaxies              galaxies of the mock
     * @param halos                 injected halos whose centre falls on the tile: {RA deg, Dec deg, M200 in M_sun/h}
     * @param truthSkewness         one-point skewness of the truth inside the mask
     * @param truthStd              pixel standard deviation of the truth inside the mask
     * @param baselines             metrics of "kaiser_squires", "kaiser_squires_smoothed" and "wiener"
     * @param ksSmoothingArcmin     the Gaussian smoothing scale of "kaiser_squires_smoothed", arcmin: the one chosen on
     *                              the calibration realisations ({@link KsCalibration}), the same for every realisation
     * @param spectra               band powers of the truth, "kaiser_squires_smoothed", "wiener" and each method's samples
     *                              on the apodised footprint
     * @param methods               the posterior methods' scores, in the order run
     * @param agreement             scale by scale against the truth ({@link MapAgreement}, spectra on the apodised
     *                              footprint) of "kaiser_squires_smoothed", "wiener" and each method's posterior mean
     *                              (keyed by the method's name)
     */
    public record Result(int galaxies, List<double[]> halos, double truthSkewness, double truthStd, Map<String, MapMetrics> baselines,
            double ksSmoothingArcmin, BandPowers spectra, List<MethodResult> methods, Map<String, MapAgreement> agreement)
            implements java.io.Serializable {

        public Result {
            agreement = agreement == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(agreement));
        }

        /** A result without the scale-by-scale agreement. */
        public Result(int galaxies, List<double[]> halos, double truthSkewness, double truthStd, Map<String, MapMetrics> baselines,
                double ksSmoothingArcmin, BandPowers spectra, List<MethodResult> methods) {
            this(galaxies, halos, truthSkewness, truthStd, baselines, ksSmoothingArcmin, spectra, methods, null);
        }

        /** One console line: RMSE/Pearson of each baseline and method, and each method's 68% coverage. */
        public String summaryLine() {
            StringBuilder sb = new StringBuilder();
            baselines.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%s %.4f/%.2f  ", k, v.rmse(), v.pearson())));
            for (MethodResult m : methods) {
                sb.append(String.format(Locale.ROOT, "%s %.4f/%.2f cov68 %.2f  ", m.name(), m.rmse(), m.pearson(), m.coverage()[3]));
            }
            return sb.toString().trim();
        }
    }

    private StudyRealisation() {
    }

    /** The nominal central interval levels (fractions) of {@link MethodResult#coverage()}: 0.2 to 0.95. */
    public static double[] levels() {
        return LEVELS.clone();
    }

    /** Bins a mock's galaxies onto the study tile of {@code map} (map.size × map.pixel-arcmin), centred on the mock. */
    public static BinnedShear bin(MockSurvey mock, MapSettings map) throws CatalogException {
        ShearBinner binner = new ShearBinner(map.grid(mock.grid().centre()));
        ShearAccumulator acc = binner.newAccumulator();
        binner.accumulate(mock.asChunk(), acc);
        return binner.finish(acc, map.shapeNoise());
    }

    /**
     * Scores every method on one mock.
     *
     * @param s       the settings (map, wiener.tolerance and wiener.max-iterations, clusters)
     * @param mock    the mock survey with its truth and halos
     * @param binned  its galaxies binned onto the study tile ({@link #bin})
     * @param cl      the convergence power spectrum of the Wiener filter and the priors
     * @param methods the posterior methods, at least one; the last one's posterior goes into the figures
     * @param sampler the sampler; its chains are the samples of each method that does not set its own
     * @param ks      the Kaiser-Squires smoothing scale, chosen on other realisations than this one
     * @param figures directory for fig1.png, fig2.png, fig2_cutouts.png, posterior_std.png and
     *                cluster_frequency.png of this realisation, or null for none
     * @param id      the tile id seeding the chains (with sampler.seed and the chain index, {@code sampling.ChainSeeds}):
     *                a study gives each realisation its own, so that its chains are independent of the others'
     */
    public static Result run(Settings s, MockSurvey mock, BinnedShear binned, ConvergenceSpectrum cl, List<Method> methods,
            SamplerConfig sampler, KsCalibration ks, Path figures, String id) throws Exception {
        MapSettings map = MapSettings.from(s);
        ClusterSettings clusters = SamplerConfig.clusters(s);
        KsCalibration.Case data = KsCalibration.Case.of(mock, binned);
        TileGrid grid = data.grid();
        double[] truth = data.truth();
        boolean[] mask = data.mask();
        Map<String, MapMetrics> baselines = new LinkedHashMap<>();
        baselines.put("kaiser_squires", MapMetrics.of(data.ks(), truth, mask));
        SmoothedKs bestKs = ks.apply(data);
        baselines.put("kaiser_squires_smoothed", bestKs.metrics());
        // the baseline on the posterior's terms: the study's C_ell (the truths' mean power) and its shear model
        // on the same (possibly embedded, map.embedding-margin) grid as the posteriors, cropped to the tile
        TileData tileData = new TileData(binned, map.shearModel(), cl, map.embeddingMargin());
        double[] wiener = tileData.crop(ReducedShearWiener.of(tileData.likelihood(), tileData.power(),
                s.positive("wiener.tolerance"), s.positiveInt("wiener.max-iterations"), WIENER_FIXED_POINT_STEPS)).kappa();
        baselines.put("wiener", MapMetrics.of(wiener, truth, mask));

        double[] truthFilled = fillNaN(truth);
        OnePoint truthOne = OnePoint.of(truth, mask);
        List<Halo> inTile = halosIn(grid, mock.halos());
        // aperture signal of each injected halo inside the footprint (no galaxies elsewhere: no meaningful S/N)
        GaussianSmoother aperture = new GaussianSmoother(grid.nx(), grid.ny(), clusters.apertureArcmin() / grid.pixelArcmin());
        List<Halo> observed = new ArrayList<>();
        List<Integer> observedPixel = new ArrayList<>();
        List<Double> observedSignal = new ArrayList<>();
        for (Halo h : inTile) {
            int pixel = pixelOf(grid, h);
            if (pixel < 0 || !mask[pixel]) {
                continue;
            }
            double[] only = new double[grid.size()];
            HaloRenderer.add(grid, List.of(h), only);
            observed.add(h);
            observedPixel.add(pixel);
            observedSignal.add(aperture.smooth(only)[pixel]);
        }

        FootprintWindow footprint = FootprintWindow.of(grid, mask);
        double[] window = footprint.weights();
        PowerSpectrumEstimator est = new PowerSpectrumEstimator(grid, SPECTRUM_BANDS);
        Map<String, double[]> power = new LinkedHashMap<>();
        power.put("kaiser_squires_smoothed", BandPowers.of(est, footprint, bestKs.map()));
        power.put("wiener", BandPowers.of(est, footprint, wiener));
        Map<String, MapAgreement> agreement = new java.util.LinkedHashMap<>();
        agreement.put("kaiser_squires_smoothed", MapAgreement.of(grid, bestKs.map(), truthFilled, window, mask, AGREEMENT_SCALES,
                AGREEMENT_BANDS));
        agreement.put("wiener", MapAgreement.of(grid, wiener, truthFilled, window, mask, AGREEMENT_SCALES, AGREEMENT_BANDS));
        List<MethodResult> results = new ArrayList<>();
        PosteriorSummary lastSummary = null;
        List<double[]> lastSamples = null;
        for (Method m : methods) {
            long t0 = System.nanoTime();
            TileData methodData = m.cl() == null ? tileData : new TileData(binned, map.shearModel(), m.cl(), map.embeddingMargin());
            TileProblem problem = new TileProblem(id, methodData, m.prior(), sampler);
            int count = m.samples() > 0 ? m.samples() : sampler.chains();
            List<ChainResult> chains = problem.sample(0, count, Runtime.getRuntime().availableProcessors(), null);
            double seconds = (System.nanoTime() - t0) * 1e-9 * Runtime.getRuntime().availableProcessors();
            List<double[]> samples = new ArrayList<>();
            long evals = 0;
            for (ChainResult c : chains) {
                evals += c.diagnostics().scoreEvaluations();
                if (c.sample() != null) {
                    samples.add(c.sample());
                }
            }
            PosteriorSummary summary = TilePosterior.summarize(problem, samples, clusters);
            double[] coverage = new double[LEVELS.length];
            double[] probabilities = new double[2 * LEVELS.length];
            for (int l = 0; l < LEVELS.length; l++) {
                probabilities[2 * l] = 0.5 - LEVELS[l] / 2;
                probabilities[2 * l + 1] = 0.5 + LEVELS[l] / 2;
            }
            double[][] q = PixelQuantiles.of(samples.toArray(new double[0][]), probabilities);
            for (int l = 0; l < LEVELS.length; l++) {
                coverage[l] = Coverage.of(truth, summary.mean(), q[2 * l], q[2 * l + 1], mask);
            }
            power.put(m.name(), BandPowers.meanOf(est, footprint, samples));
            OnePoint onePoint = OnePoint.meanOver(samples, mask);
            List<double[]> detections = new ArrayList<>();
            for (int i = 0; i < observed.size(); i++) {
                int pixel = observedPixel.get(i);
                double snr = observedSignal.get(i) / summary.clusterNoiseStd()[pixel];
                detections.add(new double[] {snr, summary.clusterFrequency()[pixel], Math.log10(observed.get(i).m200())});
            }
            MapMetrics meanMetrics = MapMetrics.of(summary.mean(), truth, mask);
            MonteCarloExcess excess = MonteCarloExcess.of(samples, summary.mean(), truth, mask);
            agreement.put(m.name(), MapAgreement.of(grid, summary.mean(), truthFilled, window, mask, AGREEMENT_SCALES, AGREEMENT_BANDS,
                    samples));
            results.add(new MethodResult(m.name(), meanMetrics.rmse(), meanMetrics.pearson(), coverage,
                    onePoint.skewness(), onePoint.std(), summary.falsePeaksPerDeg2(),
                    detections, seconds / samples.size(), (double) evals / chains.size(), samples.size(),
                    excess.correctedRmse(meanMetrics.rmse()), excess.excessMse()));
            lastSummary = summary;
            lastSamples = samples;
        }
        BandPowers spectra = new BandPowers(est.ell(), footprint.areaFraction(), footprint.effectiveAreaFraction(),
                BandPowers.of(est, footprint, truth), power);
        if (figures != null) {
            StudyFigures.write(figures, grid, truth, mask, bestKs.map(), bestKs.arcmin(), lastSummary, lastSamples, inTile,
                    methods.get(methods.size() - 1).name());
        }
        List<double[]> halos = new ArrayList<>();
        for (Halo h : inTile) {
            halos.add(new double[] {h.position().raDeg(), h.position().decDeg(), h.m200()});
        }
        return new Result(mock.galaxies(), halos, truthOne.skewness(), truthOne.std(), baselines, bestKs.arcmin(), spectra, results,
                agreement);
    }

    /** The halos whose centre projects onto the tile (inside the mask or not). */
    static List<Halo> halosIn(TileGrid grid, List<Halo> halos) {
        List<Halo> in = new ArrayList<>();
        for (Halo h : halos) {
            if (pixelOf(grid, h) >= 0) {
                in.add(h);
            }
        }
        return in;
    }

    /** The tile pixel holding the halo's centre, or −1 if it is off the tile. */
    static int pixelOf(TileGrid grid, Halo h) {
        double[] xy = new double[2];
        if (!grid.tangentPlane().project(h.position().raDeg(), h.position().decDeg(), xy)) {
            return -1;
        }
        return grid.pixelIndex(grid.xOf(xy[0]), grid.yOf(xy[1]));
    }

    private static double[] fillNaN(double[] a) {
        double mean = 0;
        int n = 0;
        for (double v : a) {
            if (Double.isFinite(v)) {
                mean += v;
                n++;
            }
        }
        mean /= Math.max(1, n);
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                out[i] = mean;
            }
        }
        return out;
    }
}
