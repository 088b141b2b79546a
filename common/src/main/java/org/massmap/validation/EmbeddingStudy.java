package org.massmap.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.massmap.catalog.BinnedShear;
import org.massmap.config.SamplerConfig;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.ShearModel;
import org.massmap.pipeline.PriorModel;
import org.massmap.pipeline.TileData;
import org.massmap.pipeline.TileProblem;
import org.massmap.sampling.ChainResult;
import org.massmap.sim.MockSurvey;
import org.massmap.stats.PixelQuantiles;
import org.massmap.stats.PowerSpectrumEstimator;
import org.massmap.theory.ConvergenceSpectrum;
import org.massmap.wiener.ReducedShearWiener;

/**
 * Tile boundaries (docs/validation.md, "Tile boundaries: embedding in a larger torus"): one mock tile
 * mapped with the Gaussian prior on its own torus and embedded in larger tori
 * ({@code map.embedding-margin}), scored against the mock's truth — which is not periodic on the tile
 * (the mock is cut from a field twice the survey's size, and the tile from the survey's centre) — as a
 * function of the distance to the tile's edge. κ is dimensionless, distances in pixels.
 *
 * <p>Per margin: RMSE (raw, and with the Monte-Carlo excess of the N-sample mean removed) and Pearson
 * r of the posterior mean, the reduced-shear Wiener filter's RMSE and r (no Monte-Carlo noise), the
 * posterior std and the 68/95% per-pixel coverage, each in the {@link #BAND_EDGES} bands of distance to
 * the edge over the observed pixels; the windowed pseudo-C_ℓ of the samples (the study's
 * {@link FootprintWindow} and 10-band estimator), the resolved σ_min and the cost. Every map is
 * compared after removing its mean over the observed pixels (κ maps carry little information on their
 * mean); coverage shifts the truth by the tile-mean difference, as {@link Coverage} does for the tile.
 */
public final class EmbeddingStudy {
    /** Lower edges of the distance-to-edge bands, pixels: [0,2), [2,4), [4,8), [8,16), [16, ∞). */
    public static final int[] BAND_EDGES = {0, 2, 4, 8, 16};
    /** ℓ bands of the pseudo-C_ℓ (those of the validation study). */
    static final int SPECTRUM_BANDS = 10;

    private EmbeddingStudy() {
    }

    /**
     * One margin on one realisation; every per-band array follows {@link #BAND_EDGES}.
     *
     * @param margin        map.embedding-margin (fraction of the tile side)
     * @param side          side of the grid the inference ran on, pixels
     * @param rmse          RMSE of the N-sample posterior mean
     * @param rmseMc        the same with the Monte-Carlo excess (mean s²/N over the band) removed, √max(0, ·)
     * @param pearson       Pearson r of the posterior mean with the truth
     * @param wienerRmse    RMSE of the reduced-shear Wiener filter
     * @param wienerPearson its Pearson r
     * @param std           mean posterior std
     * @param coverage68    fraction of pixels whose (shifted) truth lies in the central 68% interval of the samples
     * @param coverage95    the same for 95%
     * @param samplePower   mean over samples of the windowed pseudo-C_ℓ, sr, per ℓ band
     * @param sigmaMin      the resolved end of annealing
     * @param seconds       wall seconds of the sampling (chains, threads as run)
     * @param evaluations   score evaluations per chain
     * @param samples       finished chains
     */
    public record MarginResult(double margin, int side, double[] rmse, double[] rmseMc, double[] pearson, double[] wienerRmse,
            double[] wienerPearson, double[] std, double[] coverage68, double[] coverage95, double[] samplePower, double sigmaMin,
            double seconds, double evaluations, int samples) {
    }

    /**
     * One realisation.
     *
     * @param seed       the mock's seed
     * @param galaxies   galaxies of the mock
     * @param tileSide   pixels per side of the tile
     * @param pixels     observed pixels per band
     * @param ell        mean multipole of each ℓ band
     * @param truthPower the truth's windowed pseudo-C_ℓ, sr
     * @param margins    one result per margin, in the order run
     */
    public record Realisation(long seed, int galaxies, int tileSide, int[] pixels, double[] ell, double[] truthPower, List<MarginResult> margins) {
    }

    /** The band of distance-to-edge of every pixel of {@code grid} (index into {@link #BAND_EDGES}). */
    static int[] bands(TileGrid grid) {
        int[] band = new int[grid.size()];
        for (int y = 0; y < grid.ny(); y++) {
            for (int x = 0; x < grid.nx(); x++) {
                int d = Math.min(Math.min(x, y), Math.min(grid.nx() - 1 - x, grid.ny() - 1 - y));
                int b = 0;
                while (b + 1 < BAND_EDGES.length && d >= BAND_EDGES[b + 1]) {
                    b++;
                }
                band[y * grid.nx() + x] = b;
            }
        }
        return band;
    }

    /**
     * Maps one mock at every margin.
     *
     * @param seed    the mock's seed (recorded)
     * @param binned  the mock's galaxies binned onto the tile
     * @param margins the margins, first 0 for the reference
     * @param threads chain threads
     */
    public static Realisation run(long seed, MockSurvey mock, BinnedShear binned, ConvergenceSpectrum cl, ShearModel model,
            double[] margins, SamplerConfig sampler, double wienerTolerance, int wienerMaxIterations, int threads) {
        KsCalibration.Case data = KsCalibration.Case.of(mock, binned);
        TileGrid grid = data.grid();
        boolean[] mask = data.mask();
        double[] truth = centred(data.truth(), mask);
        int[] band = bands(grid);
        int[] pixels = new int[BAND_EDGES.length];
        for (int i = 0; i < band.length; i++) {
            if (mask[i] && Double.isFinite(truth[i])) {
                pixels[band[i]]++;
            }
        }
        FootprintWindow window = FootprintWindow.of(grid, mask);
        PowerSpectrumEstimator est = new PowerSpectrumEstimator(grid, SPECTRUM_BANDS);
        List<MarginResult> results = new ArrayList<>();
        for (double margin : margins) {
            TileData tile = new TileData(binned, model, cl, margin);
            double[] wiener = tile.crop(ReducedShearWiener.of(tile.likelihood(), tile.power(), wienerTolerance, wienerMaxIterations,
                    StudyRealisation.WIENER_FIXED_POINT_STEPS)).kappa();
            long t0 = System.nanoTime();
            TileProblem problem = new TileProblem("embedding", tile, PriorModel.gaussian(), sampler);
            List<ChainResult> chains = problem.sample(0, sampler.chains(), threads, null);
            double seconds = (System.nanoTime() - t0) * 1e-9;
            List<double[]> samples = new ArrayList<>();
            double evaluations = 0;
            for (ChainResult c : chains) {
                evaluations += (double) c.diagnostics().scoreEvaluations() / chains.size();
                if (c.sample() != null) {
                    samples.add(centred(c.sample(), mask));
                }
            }
            results.add(score(margin, tile.inferenceGrid().nx(), truth, mask, band, samples, centred(wiener, mask), window, est,
                    problem.schedule().sigmaMin(), seconds, evaluations));
        }
        return new Realisation(seed, mock.galaxies(), grid.nx(), pixels, est.ell(), BandPowers.of(est, window, data.truth()), results);
    }

    private static MarginResult score(double margin, int side, double[] truth, boolean[] mask, int[] band, List<double[]> samples,
            double[] wiener, FootprintWindow window, PowerSpectrumEstimator est, double sigmaMin, double seconds, double evaluations) {
        int nb = BAND_EDGES.length;
        int n = samples.size();
        double[] mean = new double[truth.length];
        for (double[] s : samples) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += s[i] / n;
            }
        }
        double[][] q = PixelQuantiles.of(samples.toArray(new double[0][]), 0.16, 0.84, 0.025, 0.975);
        double shift = 0;
        int observed = 0;
        for (int i = 0; i < truth.length; i++) {
            if (use(mask, truth, i)) {
                shift += mean[i] - truth[i];
                observed++;
            }
        }
        shift /= observed;
        double[] se = new double[nb];
        double[] excess = new double[nb];
        double[] wse = new double[nb];
        double[] std = new double[nb];
        double[] in68 = new double[nb];
        double[] in95 = new double[nb];
        int[] count = new int[nb];
        for (int i = 0; i < truth.length; i++) {
            if (!use(mask, truth, i)) {
                continue;
            }
            int b = band[i];
            double var = 0;
            for (double[] s : samples) {
                var += (s[i] - mean[i]) * (s[i] - mean[i]);
            }
            var /= n - 1;
            se[b] += (mean[i] - truth[i]) * (mean[i] - truth[i]);
            wse[b] += (wiener[i] - truth[i]) * (wiener[i] - truth[i]);
            excess[b] += var / n;
            std[b] += Math.sqrt(var);
            double t = truth[i] + shift;
            in68[b] += t >= q[0][i] && t <= q[1][i] ? 1 : 0;
            in95[b] += t >= q[2][i] && t <= q[3][i] ? 1 : 0;
            count[b]++;
        }
        double[] rmse = new double[nb];
        double[] rmseMc = new double[nb];
        double[] wrmse = new double[nb];
        double[] pearson = new double[nb];
        double[] wpearson = new double[nb];
        for (int b = 0; b < nb; b++) {
            rmse[b] = Math.sqrt(se[b] / count[b]);
            rmseMc[b] = Math.sqrt(Math.max(0, (se[b] - excess[b]) / count[b]));
            wrmse[b] = Math.sqrt(wse[b] / count[b]);
            std[b] /= count[b];
            in68[b] /= count[b];
            in95[b] /= count[b];
            pearson[b] = pearson(mean, truth, mask, band, b);
            wpearson[b] = pearson(wiener, truth, mask, band, b);
        }
        return new MarginResult(margin, side, rmse, rmseMc, pearson, wrmse, wpearson, std, in68, in95,
                BandPowers.meanOf(est, window, samples), sigmaMin, seconds, evaluations, n);
    }

    private static boolean use(boolean[] mask, double[] truth, int i) {
        return mask[i] && Double.isFinite(truth[i]);
    }

    private static double pearson(double[] a, double[] t, boolean[] mask, int[] band, int b) {
        double sa = 0;
        double st = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (use(mask, t, i) && band[i] == b) {
                sa += a[i];
                st += t[i];
                n++;
            }
        }
        sa /= n;
        st /= n;
        double cov = 0;
        double va = 0;
        double vt = 0;
        for (int i = 0; i < a.length; i++) {
            if (use(mask, t, i) && band[i] == b) {
                cov += (a[i] - sa) * (t[i] - st);
                va += (a[i] - sa) * (a[i] - sa);
                vt += (t[i] - st) * (t[i] - st);
            }
        }
        return cov / Math.sqrt(va * vt);
    }

    /** The map minus its mean over the observed pixels with a finite value. */
    static double[] centred(double[] map, boolean[] mask) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < map.length; i++) {
            if (mask[i] && Double.isFinite(map[i])) {
                s += map[i];
                n++;
            }
        }
        double m = s / Math.max(1, n);
        double[] out = new double[map.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = map[i] - m;
        }
        return out;
    }

    /**
     * The report: per margin, the mean over realisations (± its standard error) of each band's
     * metrics, the paired difference of the edge band's RMSE against margin 0, the low-ℓ power of the
     * samples over the truth's (a ratio of sums over realisations) and the cost.
     *
     * @param header lines written first (command, machine, settings)
     */
    public static String markdown(List<Realisation> rs, List<String> header) {
        StringBuilder sb = new StringBuilder("# Tile boundaries: embedding in a larger torus\n\n");
        header.forEach(h -> sb.append(h).append("  \n"));
        Realisation first = rs.get(0);
        int nm = first.margins().size();
        int nb = BAND_EDGES.length;
        sb.append(String.format(Locale.ROOT, "%n%d realisations (seeds %d to %d); observed pixels per band (first realisation): ", rs.size(),
                rs.get(0).seed(), rs.get(rs.size() - 1).seed()));
        for (int b = 0; b < nb; b++) {
            sb.append(bandName(b)).append(' ').append(first.pixels()[b]).append(b + 1 < nb ? ", " : ".\n\n");
        }
        metricTable(sb, rs, "RMSE of the posterior mean (16-sample mean, Monte-Carlo excess removed)", MarginResult::rmseMc);
        metricTable(sb, rs, "RMSE of the posterior mean (raw N-sample mean)", MarginResult::rmse);
        metricTable(sb, rs, "Pearson r of the posterior mean", MarginResult::pearson);
        metricTable(sb, rs, "RMSE of the reduced-shear Wiener filter (no Monte-Carlo noise)", MarginResult::wienerRmse);
        metricTable(sb, rs, "Pearson r of the Wiener filter", MarginResult::wienerPearson);
        metricTable(sb, rs, "Mean posterior std", MarginResult::std);
        metricTable(sb, rs, "68% per-pixel coverage", MarginResult::coverage68);
        metricTable(sb, rs, "95% per-pixel coverage", MarginResult::coverage95);

        sb.append("### Paired change against margin 0 (mean ± standard error over realisations)\n\n");
        sb.append("| margin | side | ΔRMSE_mc edge ").append(bandName(0)).append(" | ΔRMSE_mc ").append(bandName(1))
                .append(" | ΔRMSE_mc interior ").append(bandName(nb - 1)).append(" | ΔWiener RMSE edge ").append(bandName(0))
                .append(" | Δr edge ").append(bandName(0)).append(" |\n|---|---|---|---|---|---|---|\n");
        for (int m = 1; m < nm; m++) {
            final int mm = m;
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s |%n", fraction(first.margins().get(m).margin()),
                    first.margins().get(m).side(), pm(paired(rs, mm, r -> r.rmseMc()[0])), pm(paired(rs, mm, r -> r.rmseMc()[1])),
                    pm(paired(rs, mm, r -> r.rmseMc()[nb - 1])), pm(paired(rs, mm, r -> r.wienerRmse()[0])),
                    pm(paired(rs, mm, r -> r.pearson()[0]))));
        }

        double[] ell = first.ell();
        sb.append("\n### Band power of the samples over the truth's (windowed pseudo-C_ℓ, ratio of sums over realisations)\n\n| margin |");
        for (double l : ell) {
            sb.append(String.format(Locale.ROOT, " ℓ %.0f |", l));
        }
        sb.append("\n|---|").append("---|".repeat(ell.length)).append('\n');
        for (int m = 0; m < nm; m++) {
            sb.append("| ").append(fraction(first.margins().get(m).margin())).append(" |");
            for (int k = 0; k < ell.length; k++) {
                double num = 0;
                double den = 0;
                for (Realisation r : rs) {
                    num += r.margins().get(m).samplePower()[k];
                    den += r.truthPower()[k];
                }
                sb.append(String.format(Locale.ROOT, " %.3f |", num / den));
            }
            sb.append('\n');
        }

        sb.append("\n### Cost\n\n| margin | side | pixels / tile pixels | sampling wall s (mean) | cost factor | score evaluations per chain | σ_min |\n")
                .append("|---|---|---|---|---|---|---|\n");
        double base = meanOf(rs, 0, r -> r.seconds());
        for (int m = 0; m < nm; m++) {
            MarginResult a = first.margins().get(m);
            double sec = meanOf(rs, m, r -> r.seconds());
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.1f | %.2f | %.0f | %.4g |%n", fraction(a.margin()), a.side(),
                    (double) a.side() * a.side() / ((double) first.tileSide() * first.tileSide()), sec, sec / base,
                    meanOf(rs, m, r -> r.evaluations()), meanOf(rs, m, r -> r.sigmaMin())));
        }
        return sb.toString();
    }

    private static void metricTable(StringBuilder sb, List<Realisation> rs, String title,
            java.util.function.Function<MarginResult, double[]> metric) {
        int nb = BAND_EDGES.length;
        sb.append("### ").append(title).append(" by distance to the tile edge (mean ± standard error)\n\n| margin | side |");
        for (int b = 0; b < nb; b++) {
            sb.append(' ').append(bandName(b)).append(" |");
        }
        sb.append("\n|---|---|").append("---|".repeat(nb)).append('\n');
        Realisation first = rs.get(0);
        for (int m = 0; m < first.margins().size(); m++) {
            sb.append("| ").append(fraction(first.margins().get(m).margin())).append(" | ").append(first.margins().get(m).side()).append(" |");
            for (int b = 0; b < nb; b++) {
                final int bb = b;
                final int mm = m;
                double[] v = rs.stream().mapToDouble(r -> metric.apply(r.margins().get(mm))[bb]).toArray();
                sb.append(' ').append(pm(meanSe(v))).append(" |");
            }
            sb.append('\n');
        }
        sb.append('\n');
    }

    /** "d 0-1" style name of band b (pixels from the edge). */
    static String bandName(int b) {
        return b + 1 < BAND_EDGES.length ? "d " + BAND_EDGES[b] + "-" + (BAND_EDGES[b + 1] - 1) : "d ≥ " + BAND_EDGES[b];
    }

    private static String fraction(double f) {
        return String.format(Locale.ROOT, "%.4g", f);
    }

    private static double meanOf(List<Realisation> rs, int m, java.util.function.ToDoubleFunction<MarginResult> f) {
        return rs.stream().mapToDouble(r -> f.applyAsDouble(r.margins().get(m))).average().orElse(Double.NaN);
    }

    private static double[] paired(List<Realisation> rs, int m, java.util.function.ToDoubleFunction<MarginResult> f) {
        return meanSe(rs.stream().mapToDouble(r -> f.applyAsDouble(r.margins().get(m)) - f.applyAsDouble(r.margins().get(0))).toArray());
    }

    /** {mean, standard error of the mean} (NaN error for one value). */
    static double[] meanSe(double[] v) {
        double m = 0;
        for (double x : v) {
            m += x / v.length;
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return new double[] {m, v.length > 1 ? Math.sqrt(ss / (v.length - 1) / v.length) : Double.NaN};
    }

    private static String pm(double[] meanSe) {
        return String.format(Locale.ROOT, "%.4f ± %.4f", meanSe[0], meanSe[1]);
    }

    /** The JSON of a study: its header and every realisation as it is. */
    public static Map<String, Object> json(List<Realisation> rs, List<String> header) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("header", header);
        m.put("band_edges_pixels", BAND_EDGES);
        m.put("realisations", rs);
        return m;
    }
}
