package org.massmap.validation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.massmap.config.MapSettings;
import org.massmap.config.SamplerConfig;
import org.massmap.io.plot.LinePlot;

/**
 * Aggregates the validation study's realisations into the tables of docs/validation.md (mean ±
 * sample standard deviation over realisations; power spectra as ratios of averages, {@link StudySpectra})
 * and its summary figures.
 */
public final class StudyReport {
    private final List<StudyRealisation.Result> results;
    private final List<String> methods;
    private final KsCalibration ks;
    private final StudySpectra spectra;
    private final SamplerConfig sampler;
    private final MapSettings map;
    private final String model;
    private final double seconds;
    private final String command;
    private final String setup;

    /**
     * @param results  the realisations, at least one
     * @param methods  the posterior methods' names, in table order
     * @param ks       the Kaiser-Squires smoothing scale the realisations were scored with, and how it was chosen
     * @param sampler  the sampler the study ran (its chains are the samples per method and realisation)
     * @param map      the study tile
     * @param model    the hybrid model's location and checksum, or null without a hybrid prior
     * @param seconds  the study's wall time, s
     * @param command  the command line that ran the study, quoted in the report
     */
    public StudyReport(List<StudyRealisation.Result> results, List<String> methods, KsCalibration ks, SamplerConfig sampler,
            MapSettings map, String model, double seconds, String command) {
        this(results, methods, ks, sampler, map, model, seconds, command, "the survey preset's mask and noise");
    }

    /**
     * As {@link #StudyReport(List, List, KsCalibration, SamplerConfig, MapSettings, String, double, String)} with the
     * report's description of how the realisations were observed ({@code setup}, e.g. "the survey preset's mask and
     * noise", its default).
     */
    public StudyReport(List<StudyRealisation.Result> results, List<String> methods, KsCalibration ks, SamplerConfig sampler,
            MapSettings map, String model, double seconds, String command, String setup) {
        this.setup = setup;
        this.results = List.copyOf(results);
        this.methods = List.copyOf(methods);
        this.ks = ks;
        for (StudyRealisation.Result r : this.results) {
            if (r.ksSmoothingArcmin() != ks.arcmin()) {
                throw new IllegalArgumentException("a realisation was scored with Kaiser-Squires smoothed at " + r.ksSmoothingArcmin()
                        + " arcmin, not at the calibrated " + ks.arcmin());
            }
        }
        List<String> keys = new ArrayList<>(List.of("kaiser_squires_smoothed", "wiener"));
        keys.addAll(methods);
        this.spectra = StudySpectra.of(this.results.stream().map(StudyRealisation.Result::spectra).toList(), keys);
        this.sampler = sampler;
        this.map = map;
        this.model = model;
        this.seconds = seconds;
        this.command = command;
    }

    /** The power spectra relative to the truth, as in the report's table and figure. */
    public StudySpectra spectra() {
        return spectra;
    }

    /** Mean and sample standard deviation of values. */
    static double[] meanStd(List<Double> v) {
        double m = 0;
        for (double x : v) {
            m += x / v.size();
        }
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return new double[] {m, v.size() > 1 ? Math.sqrt(s / (v.size() - 1)) : Double.NaN};
    }

    private static String pm(List<Double> v, String fmt) {
        double[] ms = meanStd(v);
        return String.format(Locale.ROOT, fmt + " ± " + fmt, ms[0], ms[1]);
    }

    private List<Double> baseline(String name, boolean rmse) {
        return baseline(results, name, rmse);
    }

    private List<StudyRealisation.MethodResult> method(String name) {
        return method(results, name);
    }

    /** Baseline {@code name}'s RMSE (or Pearson r) in each realisation. */
    static List<Double> baseline(List<StudyRealisation.Result> results, String name, boolean rmse) {
        List<Double> v = new ArrayList<>();
        for (StudyRealisation.Result r : results) {
            MapMetrics m = r.baselines().get(name);
            v.add(rmse ? m.rmse() : m.pearson());
        }
        return v;
    }

    /** Method {@code name}'s scores in the realisations that ran it. */
    static List<StudyRealisation.MethodResult> method(List<StudyRealisation.Result> results, String name) {
        List<StudyRealisation.MethodResult> v = new ArrayList<>();
        for (StudyRealisation.Result r : results) {
            r.methods().stream().filter(m -> m.name().equals(name)).forEach(v::add);
        }
        return v;
    }

    /** The report's Markdown: maps, one-point statistics and calibration, detections, power spectra. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d realisations of %d² tiles at %.3g′ (%s), "
                + "%s posterior samples per method and realisation; schedule %s; %s mass. "
                + "Total %.1f h on this machine.%n%n", results.size(), map.size(), map.pixelArcmin(), setup, samplesPerMethod(),
                sampler.schedule().describe(), sampler.move().mass().name().toLowerCase(Locale.ROOT), seconds / 3600));
        sb.append("Command: `").append(command).append("`").append(model == null ? "" : "; hybrid model " + model).append("\n\n");
        sb.append("### Maps against the truth (inside the mask, mean-subtracted; mean ± scatter over realisations)\n\n");
        sb.append("| method | RMSE | RMSE, Monte-Carlo excess removed | Pearson r |\n|---|---|---|---|\n");
        sb.append("| Kaiser-Squires | ").append(pm(baseline("kaiser_squires", true), "%.4f")).append(" | – | ")
                .append(pm(baseline("kaiser_squires", false), "%.3f")).append(" |\n");
        sb.append(String.format(Locale.ROOT, "| Kaiser-Squires, smoothed at %.1f′ (chosen on %d separate realisations) | ",
                ks.arcmin(), ks.realisations())).append(pm(baseline("kaiser_squires_smoothed", true), "%.4f")).append(" | – | ")
                .append(pm(baseline("kaiser_squires_smoothed", false), "%.3f")).append(" |\n");
        sb.append("| Wiener filter | ").append(pm(baseline("wiener", true), "%.4f")).append(" | – | ")
                .append(pm(baseline("wiener", false), "%.3f")).append(" |\n");
        for (String name : methods) {
            List<Double> rm = new ArrayList<>();
            List<Double> rc = new ArrayList<>();
            List<Double> pr = new ArrayList<>();
            method(name).forEach(m -> {
                rm.add(m.rmse());
                rc.add(m.rmseMcCorrected());
                pr.add(m.pearson());
            });
            sb.append("| posterior mean, ").append(name).append(" prior | ").append(pm(rm, "%.4f")).append(" | ")
                    .append(pm(rc, "%.4f")).append(" | ").append(pm(pr, "%.3f")).append(" |\n");
        }
        sb.append(String.format(Locale.ROOT, "%nEach posterior mean averages N = %s samples, so its squared error carries a"
                + " Monte-Carlo excess of (1/N) × the pixel mean of the posterior variance. \"RMSE, Monte-Carlo excess removed\""
                + " estimates the RMSE of the mean of infinitely many samples: √max(0, RMSE² − mean over the same pixels of s²/N),"
                + " s² the unbiased per-pixel variance of the N samples (each mean-subtracted over the pixels, as the maps are);"
                + " it is unbiased in the squared error for independent samples. The RMSE column is the N-sample mean's own."
                + " The baselines have no samples and no such excess.%n", sampleCounts()));
        sb.append(String.format(Locale.ROOT, "%nThe Kaiser-Squires smoothing scale (Gaussian σ) is %.1f′, chosen once among %s′ as"
                + " the least mean RMSE against the truth inside the mask on %d separate calibration realisations (seeds of their"
                + " own, not the validation realisations') and applied unchanged to every validation realisation.%n",
                ks.arcmin(), candidates(), ks.realisations()));
        sb.append(scaleTable()).append(pairedTable());
        sb.append("\n### Samples: one-point statistics and calibration\n\n");
        List<Double> ts = new ArrayList<>();
        List<Double> tstd = new ArrayList<>();
        results.forEach(r -> {
            ts.add(r.truthSkewness());
            tstd.add(r.truthStd());
        });
        sb.append("| | pixel std | skewness | coverage of the 68% interval | coverage of the 95% interval | false peaks / deg² |"
                + " s per sample (1 core) | score evaluations per sample |\n|---|---|---|---|---|---|---|---|\n");
        sb.append("| truth | ").append(pm(tstd, "%.4f")).append(" | ").append(pm(ts, "%.2f")).append(" | ").append(expected(0.68))
                .append(" | ").append(expected(0.95)).append(" | | | |\n");
        for (String name : methods) {
            List<Double> sk = new ArrayList<>();
            List<Double> sd = new ArrayList<>();
            List<Double> c68 = new ArrayList<>();
            List<Double> c95 = new ArrayList<>();
            List<Double> fp = new ArrayList<>();
            List<Double> sec = new ArrayList<>();
            List<Double> ev = new ArrayList<>();
            method(name).forEach(m -> {
                sk.add(m.skewness());
                sd.add(m.std());
                c68.add(m.coverage()[3]);
                c95.add(m.coverage()[6]);
                fp.add(m.falsePeaksPerDeg2());
                sec.add(m.secondsPerSample());
                ev.add(m.evaluationsPerSample());
            });
            sb.append("| samples, ").append(name).append(" prior | ").append(pm(sd, "%.4f")).append(" | ").append(pm(sk, "%.2f"))
                    .append(" | ").append(pm(c68, "%.2f")).append(" | ").append(pm(c95, "%.2f")).append(" | ").append(pm(fp, "%.1f"))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f", meanStd(sec)[0])).append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f", meanStd(ev)[0])).append(" |\n");
        }
        sb.append(detectionTable());
        List<String> cols = new ArrayList<>(List.of("Kaiser-Squires smoothed", "Wiener"));
        methods.forEach(m -> cols.add("samples, " + m));
        sb.append(spectra.markdown(cols));
        return sb.toString();
    }

    /** The samples each method drew per realisation (its most frequent count: failed chains are not counted), in method order. */
    private List<Integer> typicalSamples() {
        List<Integer> out = new ArrayList<>();
        for (String name : methods) {
            java.util.Map<Integer, Integer> counts = new java.util.TreeMap<>();
            method(name).forEach(m -> counts.merge(m.samples(), 1, Integer::sum));
            out.add(counts.isEmpty() ? sampler.chains()
                    : counts.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey());
        }
        return out;
    }

    /** "16", or "32 (gaussian), 8 (hybrid)" when the methods drew different numbers of samples. */
    private String samplesPerMethod() {
        List<Integer> n = typicalSamples();
        if (n.stream().distinct().count() <= 1) {
            return String.valueOf(n.isEmpty() ? sampler.chains() : n.get(0));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(n.get(i)).append(" (").append(methods.get(i)).append(')');
        }
        return sb.toString();
    }

    /** The coverage a calibrated posterior reaches at {@code level} with each method's number of samples. */
    private String expected(double level) {
        StringBuilder sb = new StringBuilder();
        for (int n : typicalSamples().stream().distinct().toList()) {
            sb.append(sb.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%.2f expected for %d samples",
                    ValidationReport.expectedCoverage(level, n), n));
        }
        return sb.toString();
    }

    /** N, the samples per posterior mean: one number, or the range over methods and realisations (failed chains are not counted). */
    private String sampleCounts() {
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (String name : methods) {
            for (StudyRealisation.MethodResult m : method(name)) {
                lo = Math.min(lo, m.samples());
                hi = Math.max(hi, m.samples());
            }
        }
        if (lo > hi) {
            return String.valueOf(sampler.chains());
        }
        return lo == hi ? String.valueOf(lo) : lo + "–" + hi;
    }

    private String candidates() {
        StringBuilder sb = new StringBuilder();
        for (double c : ks.candidates()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(java.math.BigDecimal.valueOf(c).stripTrailingZeros().toPlainString());
        }
        return sb.toString();
    }

    /** The estimates with a scale-by-scale agreement in every realisation, in report order. */
    private List<String> agreementKeys() {
        List<String> keys = new ArrayList<>(List.of("kaiser_squires_smoothed", "wiener"));
        keys.addAll(methods);
        keys.removeIf(k -> results.stream().anyMatch(r -> !r.agreement().containsKey(k)));
        return keys;
    }

    private static String label(String key) {
        return switch (key) {
            case "kaiser_squires_smoothed" -> "Kaiser-Squires, smoothed";
            case "wiener" -> "Wiener filter";
            default -> "posterior mean, " + key + " prior";
        };
    }

    /** RMSE and Pearson r at each smoothing scale, and r(ℓ) per band, mean over realisations. */
    private String scaleTable() {
        List<String> keys = agreementKeys();
        if (keys.isEmpty()) {
            return "";
        }
        MapAgreement first = results.get(0).agreement().get(keys.get(0));
        StringBuilder sb = new StringBuilder("\n### Scale by scale (mean over realisations): RMSE / Pearson r of the maps smoothed alike,"
                + " and the cross-correlation r(ℓ) with the truth on the apodised footprint\n\n");
        if (keys.stream().anyMatch(key -> results.stream().allMatch(r -> r.agreement().get(key).rmseMcCorrected() != null))) {
            sb.append(String.format(Locale.ROOT, "In brackets for the posterior means: the RMSE with the Monte-Carlo excess of the"
                    + " N = %s-sample mean removed, √max(0, RMSE² − mean over the pixels of s²/N), s² the variance of the samples"
                    + " smoothed alike.%n%n", sampleCounts()));
        }
        sb.append("| estimate |");
        for (double sc : first.scalesArcmin()) {
            sb.append(sc == 0 ? " pixel |" : String.format(Locale.ROOT, " %.0f′ |", sc));
        }
        for (double l : first.ell()) {
            sb.append(String.format(Locale.ROOT, " r(ℓ ≈ %.0f) |", l));
        }
        sb.append("\n|---|").append("---|".repeat(first.scalesArcmin().length + first.ell().length)).append('\n');
        for (String key : keys) {
            sb.append("| ").append(label(key)).append(" |");
            boolean corrected = results.stream().allMatch(r -> r.agreement().get(key).rmseMcCorrected() != null);
            for (int k = 0; k < first.scalesArcmin().length; k++) {
                double rmse = 0;
                double rmseCorrected = 0;
                double pearson = 0;
                for (StudyRealisation.Result r : results) {
                    MapAgreement a = r.agreement().get(key);
                    rmse += a.rmse()[k] / results.size();
                    rmseCorrected += corrected ? a.rmseMcCorrected()[k] / results.size() : 0;
                    pearson += a.pearson()[k] / results.size();
                }
                sb.append(corrected ? String.format(Locale.ROOT, " %.4f [%.4f] / %.3f |", rmse, rmseCorrected, pearson)
                        : String.format(Locale.ROOT, " %.4f / %.3f |", rmse, pearson));
            }
            for (int b = 0; b < first.ell().length; b++) {
                double rl = 0;
                for (StudyRealisation.Result r : results) {
                    rl += r.agreement().get(key).crossCorrelation()[b] / results.size();
                }
                sb.append(String.format(Locale.ROOT, " %.3f |", rl));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Each posterior mean against the Wiener filter on the same realisations: paired differences of RMSE, with p-values. */
    private String pairedTable() {
        if (results.size() < 2) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\n### Paired against the Wiener filter (same realisations): RMSE(posterior mean) −"
                + " RMSE(Wiener), mean ± standard error, realisations where the posterior mean wins, two-sided p-values; then the"
                + " same for the RMSE with the Monte-Carlo excess removed\n\n"
                + "| prior | mean difference | wins | paired t-test p | Wilcoxon signed-rank p |"
                + " Monte-Carlo excess removed: mean difference | wins | t-test p | Wilcoxon p |\n|---|---|---|---|---|---|---|---|---|\n");
        for (String name : methods) {
            PairedComparison[] c = pairedAgainstWiener(name);
            if (c == null) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "| %s | %+.5f ± %.5f | %d of %d | %.3g | %.3g |", name, c[0].meanDifference(),
                    c[0].standardError(), c[0].aLower(), c[0].pairs(), c[0].tTestP(), c[0].wilcoxonP()));
            sb.append(c[1] == null ? " – | – | – | – |\n" : String.format(Locale.ROOT, " %+.5f ± %.5f | %d of %d | %.3g | %.3g |%n",
                    c[1].meanDifference(), c[1].standardError(), c[1].aLower(), c[1].pairs(), c[1].tTestP(), c[1].wilcoxonP()));
        }
        return sb.toString();
    }

    /**
     * Method {@code name}'s posterior mean against the Wiener filter on the same realisations: {RMSE − RMSE(Wiener),
     * RMSE with the Monte-Carlo excess removed − RMSE(Wiener)} (the second null when a realisation lacks the correction),
     * or null when the method is missing from a realisation or there are fewer than 2.
     */
    public PairedComparison[] pairedAgainstWiener(String name) {
        double[] wiener = baseline("wiener", true).stream().mapToDouble(Double::doubleValue).toArray();
        List<StudyRealisation.MethodResult> mine = method(name);
        if (mine.size() != wiener.length || wiener.length < 2) {
            return null;
        }
        double[] raw = mine.stream().mapToDouble(StudyRealisation.MethodResult::rmse).toArray();
        double[] corrected = mine.stream().mapToDouble(StudyRealisation.MethodResult::rmseMcCorrected).toArray();
        boolean hasCorrection = java.util.Arrays.stream(corrected).allMatch(Double::isFinite);
        return new PairedComparison[] {PairedComparison.of(raw, wiener), hasCorrection ? PairedComparison.of(corrected, wiener) : null};
    }

    /** Bounds of the true-S/N bins of the detection table. */
    private static final double[] SNR_BINS = {0, 3, 5, 10, 20, Double.POSITIVE_INFINITY};

    /** Mean detection frequency of the injected halos inside the footprint, binned in their true S/N. */
    private String detectionTable() {
        StringBuilder sb = new StringBuilder("\n### Injected halos inside the footprint: mean detection frequency across samples\n\n"
                + "| true S/N (aperture) | halos |");
        methods.forEach(m -> sb.append(' ').append(m).append(" prior |"));
        sb.append("\n|---|---|").append("---|".repeat(methods.size())).append('\n');
        for (int b = 0; b + 1 < SNR_BINS.length; b++) {
            double lo = SNR_BINS[b];
            double hi = SNR_BINS[b + 1];
            StringBuilder row = new StringBuilder();
            int count = -1;
            for (String name : methods) {
                int n = 0;
                double sum = 0;
                for (StudyRealisation.MethodResult m : method(name)) {
                    for (double[] d : m.detections()) {
                        if (d[0] >= lo && d[0] < hi) {
                            n++;
                            sum += d[1];
                        }
                    }
                }
                count = n;
                row.append(n == 0 ? " – |" : String.format(Locale.ROOT, " %.2f |", sum / n));
            }
            String range = Double.isInfinite(hi) ? String.format(Locale.ROOT, "≥ %.0f", lo) : String.format(Locale.ROOT, "%.0f–%.0f", lo, hi);
            sb.append("| ").append(range).append(" | ").append(Math.max(count, 0)).append(" |").append(row).append('\n');
        }
        return sb.toString();
    }

    /**
     * Writes power_spectra.png, coverage.png, detection.png (when a halo fell on an observed pixel in some realisation)
     * and one_point.png into {@code dir}.
     */
    public void writeFigures(Path dir) throws Exception {
        double[] ell = spectra.ell();
        List<double[]> sp = spectra.series();
        LinePlot ps = LinePlot.of("Power spectrum relative to the truth", "multipole ℓ",
                "⟨pseudo-C_ℓ⟩ / ⟨pseudo-C_ℓ(truth)⟩").withLogX().withLogY()
                .with(new LinePlot.Series("truth", ell, filled(ell.length, 1), LinePlot.Style.DASHED))
                .with(new LinePlot.Series("Kaiser-Squires (smoothed)", ell, sp.get(0), LinePlot.Style.LINE_AND_POINTS))
                .with(new LinePlot.Series("Wiener filter", ell, sp.get(1), LinePlot.Style.LINE_AND_POINTS));
        for (int i = 0; i < methods.size(); i++) {
            ps = ps.with(new LinePlot.Series("samples, " + methods.get(i) + " prior", ell, sp.get(2 + i), LinePlot.Style.LINE_AND_POINTS));
        }
        ps.writePng(dir.resolve("power_spectra.png"));

        LinePlot cov = LinePlot.of("Coverage of central credible intervals", "nominal level", "empirical coverage")
                .withXRange(0, 1).withYRange(0, 1)
                .with(new LinePlot.Series("ideal", new double[] {0, 1}, new double[] {0, 1}, LinePlot.Style.DASHED));
        for (int k : typicalSamples().stream().distinct().toList()) {
            double[] expected = new double[StudyRealisation.LEVELS.length];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = ValidationReport.expectedCoverage(StudyRealisation.LEVELS[i], k);
            }
            cov = cov.with(new LinePlot.Series("calibrated, " + k + " samples", StudyRealisation.LEVELS, expected, LinePlot.Style.LINE));
        }
        boolean anyDetection = false;
        LinePlot det = LinePlot.of("Detection frequency of injected halos inside the footprint", "true S/N of the halo (aperture)", "frequency in samples")
                .withYRange(0, 1);
        for (String name : methods) {
            double[] c = new double[StudyRealisation.LEVELS.length];
            List<Double> snr = new ArrayList<>();
            List<Double> freq = new ArrayList<>();
            for (StudyRealisation.MethodResult m : method(name)) {
                for (int i = 0; i < c.length; i++) {
                    c[i] += m.coverage()[i] / results.size();
                }
                m.detections().forEach(d -> {
                    snr.add(d[0]);
                    freq.add(d[1]);
                });
            }
            cov = cov.with(new LinePlot.Series(name + " prior", StudyRealisation.LEVELS, c, LinePlot.Style.LINE_AND_POINTS));
            if (!snr.isEmpty()) {
                det = det.with(new LinePlot.Series(name + " prior", toArray(snr), toArray(freq), LinePlot.Style.POINTS));
                anyDetection = true;
            }
        }
        cov.writePng(dir.resolve("coverage.png"));
        if (anyDetection) {
            det.writePng(dir.resolve("detection.png"));
        }
        double[] idx = new double[results.size()];
        double[] truthSkew = new double[results.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i + 1;
            truthSkew[i] = results.get(i).truthSkewness();
        }
        LinePlot one = LinePlot.of("One-point skewness inside the mask", "realisation", "skewness")
                .with(new LinePlot.Series("truth", idx, truthSkew, LinePlot.Style.LINE_AND_POINTS));
        for (String name : methods) {
            List<Double> sk = new ArrayList<>();
            method(name).forEach(m -> sk.add(m.skewness()));
            one = one.with(new LinePlot.Series("samples, " + name + " prior", idx, toArray(sk), LinePlot.Style.LINE_AND_POINTS));
        }
        one.writePng(dir.resolve("one_point.png"));
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static double[] toArray(List<Double> v) {
        double[] a = new double[v.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = v.get(i);
        }
        return a;
    }
}
