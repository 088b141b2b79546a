package org.massmap.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.massmap.catalog.BinnedShear;
import org.massmap.config.MapSettings;
import org.massmap.config.SamplerConfig;
import org.massmap.config.Settings;
import org.massmap.grid.TileGrid;
import org.massmap.io.ColorScale;
import org.massmap.io.Colormap;
import org.massmap.io.MapFigure;
import org.massmap.io.MapPanel;
import org.massmap.io.Marker;
import org.massmap.io.SkyMap;
import org.massmap.lensing.GaussianSmoother;
import org.massmap.pipeline.PriorModel;
import org.massmap.pipeline.TilePosterior;
import org.massmap.pipeline.TileProblem;
import org.massmap.products.KaiserSquiresMaps;
import org.massmap.products.MockSurveyProducts;
import org.massmap.products.PosteriorProducts;
import org.massmap.products.PosteriorSummary;
import org.massmap.products.TileInference;
import org.massmap.products.TruthMaps;
import org.massmap.sampling.ChainResult;
import org.massmap.sim.Halo;
import org.massmap.sim.HaloRenderer;
import org.massmap.sim.MockSurvey;
import org.massmap.stats.ClusterSettings;
import org.massmap.stats.PixelQuantiles;
import org.massmap.stats.PowerSpectrumEstimator;
import org.massmap.theory.ConvergenceSpectrum;
import org.massmap.validation.Coverage;
import org.massmap.validation.MapMetrics;
import org.massmap.validation.OnePoint;
import org.massmap.validation.SmoothedKs;
import org.massmap.wiener.GaussianPosterior;

/** One realisation of the validation study: every method on one mock, scored against its truth. */
final class StudyRealisation {
    /** Nominal central interval levels whose empirical coverage is measured. */
    static final double[] LEVELS = {0.2, 0.4, 0.6, 0.68, 0.8, 0.9, 0.95};

    /** A posterior method: a name and its prior. */
    record Method(String name, PriorModel prior) {
    }

    /** A posterior method's scores on this realisation. */
    record MethodResult(String name, double rmse, double pearson, double[] coverage, double[] clRatio, double skewness,
            double std, double falsePeaksPerDeg2, List<double[]> detections, double secondsPerSample, double evaluationsPerSample,
            int samples) implements java.io.Serializable {
    }

    /** Everything scored on one realisation. */
    record Result(int galaxies, List<double[]> halos, double truthSkewness, double truthStd, Map<String, MapMetrics> baselines,
            double ksBestSmoothingArcmin, double[] ell, double[] clRatioWiener, double[] clRatioKs, List<MethodResult> methods)
            implements java.io.Serializable {

        String summaryLine() {
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

    static Result run(Settings s, MockSurvey mock, BinnedShear binned, ConvergenceSpectrum cl, List<Method> methods,
            SamplerConfig sampler, Path figures) throws Exception {
        MapSettings map = MapSettings.from(s);
        ClusterSettings clusters = SamplerConfig.clusters(s);
        TileGrid grid = binned.grid();
        double[] truth = TruthMaps.onGrid(SkyMap.of("TRUTH", mock.grid(), mock.truthKappa()), grid);
        boolean[] mask = binned.mask();
        double[] ks = KaiserSquiresMaps.of(binned, 0).kappaE();
        Map<String, MapMetrics> baselines = new LinkedHashMap<>();
        baselines.put("kaiser_squires", MapMetrics.of(ks, truth, mask));
        SmoothedKs bestKs = SmoothedKs.best(grid, ks, truth, mask);
        baselines.put("kaiser_squires_smoothed", bestKs.metrics());
        double[] wiener = new GaussianPosterior(TileInference.likelihood(binned, map.shearModel()), TileInference.power(grid, cl), 0)
                .wienerFilter(s.positive("wiener.tolerance"), s.positiveInt("wiener.max-iterations")).kappa();
        baselines.put("wiener", MapMetrics.of(wiener, truth, mask));

        PowerSpectrumEstimator est = new PowerSpectrumEstimator(grid, 10);
        double[] truthFilled = fillNaN(truth);
        double[] clTruth = est.estimate(truthFilled);
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

        List<MethodResult> results = new ArrayList<>();
        PosteriorSummary lastSummary = null;
        List<double[]> lastSamples = null;
        for (Method m : methods) {
            long t0 = System.nanoTime();
            TileProblem problem = new TileProblem("study", binned, map.shearModel(), cl, m.prior(), sampler);
            List<ChainResult> chains = problem.sample(0, sampler.chains(), Runtime.getRuntime().availableProcessors(), null);
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
            double[] ratio = new double[clTruth.length];
            for (double[] x : samples) {
                double[] c = est.estimate(x);
                for (int b = 0; b < ratio.length; b++) {
                    ratio[b] += c[b] / clTruth[b] / samples.size();
                }
            }
            OnePoint onePoint = OnePoint.meanOver(samples, mask);
            List<double[]> detections = new ArrayList<>();
            for (int i = 0; i < observed.size(); i++) {
                int pixel = observedPixel.get(i);
                double snr = observedSignal.get(i) / summary.clusterNoiseStd()[pixel];
                detections.add(new double[] {snr, summary.clusterFrequency()[pixel], Math.log10(observed.get(i).m200())});
            }
            MapMetrics meanMetrics = MapMetrics.of(summary.mean(), truth, mask);
            results.add(new MethodResult(m.name(), meanMetrics.rmse(), meanMetrics.pearson(), coverage, ratio,
                    onePoint.skewness(), onePoint.std(), summary.falsePeaksPerDeg2(),
                    detections, seconds / samples.size(), (double) evals / chains.size(), samples.size()));
            lastSummary = summary;
            lastSamples = samples;
        }
        double[] ratioWiener = ratio(est.estimate(wiener), clTruth);
        double[] ratioKs = ratio(est.estimate(bestKs.map()), clTruth);
        if (figures != null) {
            writeFigures(figures, grid, truth, mask, bestKs.map(), bestKs.arcmin(), lastSummary, lastSamples, inTile, mock, methods);
        }
        List<double[]> halos = new ArrayList<>();
        for (Halo h : inTile) {
            halos.add(new double[] {h.position().raDeg(), h.position().decDeg(), h.m200()});
        }
        return new Result(mock.galaxies(), halos, truthOne.skewness(), truthOne.std(), baselines, bestKs.arcmin(), est.ell(), ratioWiener,
                ratioKs, results);
    }

    private static void writeFigures(Path dir, TileGrid grid, double[] truth, boolean[] mask, double[] ksSmoothed, double smoothing,
            PosteriorSummary summary, List<double[]> samples, List<Halo> halos, MockSurvey mock, List<Method> methods)
            throws Exception {
        List<Marker> markers = MockSurveyProducts.haloMarkers(grid, halos);
        String method = methods.get(methods.size() - 1).name();
        PosteriorProducts.figure1(grid, truth, mask, ksSmoothed, summary.mean(), samples, markers).writePng(dir.resolve("fig1.png"));
        double[] m = org.massmap.products.TileProducts.maskValues(mask);
        MapFigure.single(SkyMap.of("KAPPA_STD", grid, summary.std()).masked(m), "Posterior std of κ (" + method + " prior)")
                .writePng(dir.resolve("posterior_std.png"));
        MapFigure.of("Cluster frequency (" + method + " prior) and injected halos", 1, List.of(
                MapPanel.of(SkyMap.of("FREQ", grid, summary.clusterFrequency()).masked(m), "fraction of samples with a peak nearby")
                        .withScale(ColorScale.of(0, 1, Colormap.MAGMA, "frequency")).withMarkers(markers)))
                .writePng(dir.resolve("cluster_frequency.png"));
        // Fig. 2: one sample, the mean and KS with the known clusters, then cutouts of the most massive halo across samples
        List<MapPanel> panels = new ArrayList<>();
        panels.add(MapPanel.of("a posterior sample", grid.nx(), grid.ny(), samples.get(0)).withMarkers(markers));
        panels.add(MapPanel.of("posterior mean", grid.nx(), grid.ny(), summary.mean()).withMarkers(markers));
        panels.add(MapPanel.of(String.format(Locale.ROOT, "Kaiser-Squires (%.1f′)", smoothing), grid.nx(), grid.ny(), ksSmoothed)
                .withMarkers(markers));
        MapFigure.of("Posterior sample, mean and Kaiser-Squires; circles: injected halos (log10 M200)", 3, panels)
                .withRobustSharedScale(Colormap.VIRIDIS, "κ").writePng(dir.resolve("fig2.png"));
        Halo biggest = halos.stream().filter(h -> {
            int p = pixelOf(grid, h);
            return p >= 0 && mask[p];
        }).max((a, b) -> Double.compare(a.m200(), b.m200())).orElse(null);
        if (biggest != null) {
            int p = pixelOf(grid, biggest);
            int cx = p % grid.nx();
            int cy = p / grid.nx();
            int half = Math.min(16, Math.min(grid.nx(), grid.ny()) / 4);
            List<MapPanel> cut = new ArrayList<>();
            cut.add(MapPanel.of("truth", 2 * half, 2 * half, cutout(truth, grid, cx, cy, half)));
            for (int k = 0; k < Math.min(7, samples.size()); k++) {
                cut.add(MapPanel.of("sample " + (k + 1), 2 * half, 2 * half, cutout(samples.get(k), grid, cx, cy, half)));
            }
            MapFigure.of(String.format(Locale.ROOT,
                    "Most massive halo in the footprint, log10 M200 = %.2f: %.0f%% of samples",
                    Math.log10(biggest.m200()), 100 * summary.clusterFrequency()[p]), 4, cut)
                    .withRobustSharedScale(Colormap.VIRIDIS, "κ").withMinPanelPixels(160).writePng(dir.resolve("fig2_cutouts.png"));
        }
    }

    private static double[] cutout(double[] map, TileGrid g, int cx, int cy, int half) {
        double[] c = new double[4 * half * half];
        for (int y = 0; y < 2 * half; y++) {
            for (int x = 0; x < 2 * half; x++) {
                int gx = Math.floorMod(cx - half + x, g.nx());
                int gy = Math.floorMod(cy - half + y, g.ny());
                c[y * 2 * half + x] = map[gy * g.nx() + gx];
            }
        }
        return c;
    }

    static List<Halo> halosIn(TileGrid grid, List<Halo> halos) {
        List<Halo> in = new ArrayList<>();
        for (Halo h : halos) {
            if (pixelOf(grid, h) >= 0) {
                in.add(h);
            }
        }
        return in;
    }

    static int pixelOf(TileGrid grid, Halo h) {
        double[] xy = new double[2];
        if (!grid.tangentPlane().project(h.position().raDeg(), h.position().decDeg(), xy)) {
            return -1;
        }
        return grid.pixelIndex(grid.xOf(xy[0]), grid.yOf(xy[1]));
    }

    private static double[] ratio(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i] / b[i];
        }
        return r;
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
