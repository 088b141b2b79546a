package org.massmap.validation;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.massmap.config.MapSettings;
import org.massmap.config.SamplerConfig;
import org.massmap.config.Settings;
import org.massmap.config.SimulationConfig;
import org.massmap.config.SurveyConfig;
import org.massmap.io.JsonFiles;
import org.massmap.sim.MockSurveySpec;
import org.massmap.theory.ConvergenceSpectrum;

/**
 * {@code study --cluster-calibration}: the cluster-frequency product's false-positive rate, its
 * frequency at random positions and its detection of injected halos against their S/N
 * ({@link ClusterCalibration}), per prior. Each realisation is written to DIR/PRIOR/r-NNNN.json as
 * it finishes and reused on a rerun; writes DIR/cluster_calibration.md, .json and
 * DIR/PRIOR/cluster_fpr.png, cluster_detection.png.
 */
public final class ClusterCalibrationStudy {
    /** Random positions per posterior. */
    public static final int RANDOM_POSITIONS = 16;
    /** True S/N levels at which the halo-free truths' own peaks are counted. */
    static final double[] TRUTH_LEVELS = {2, 3, 4, 5};

    private ClusterCalibrationStudy() {
    }

    /**
     * @param s            the settings (map, survey, clusters, theory, simulation.halos, sampler)
     * @param out          the output directory (existing)
     * @param methods      the priors
     * @param cl           the prior's C_ℓ
     * @param realisations realisations per prior
     * @param samples      posterior samples per posterior
     * @param snrMin       smallest true S/N of the injected halos
     * @param snrMax       largest
     * @param seed         the study's seed
     * @param command      the command line, for the report
     */
    public static void run(Settings s, Path out, List<StudyRealisation.Method> methods, ConvergenceSpectrum cl, int realisations,
            int samples, double snrMin, double snrMax, long seed, String command, PrintWriter console) throws Exception {
        MapSettings map = MapSettings.from(s);
        SamplerConfig sampler = SamplerConfig.from(s);
        var clusters = SamplerConfig.clusters(s);
        MockSurveySpec survey = SurveyConfig.spec(s);
        var haloModel = SimulationConfig.haloModel(s);
        int threads = Runtime.getRuntime().availableProcessors();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", command);
        json.put("seed", seed);
        json.put("clusters", clusters);
        StringBuilder md = new StringBuilder("# Cluster frequency: calibration on the product\n\n`" + command + "`\n");
        for (StudyRealisation.Method m : methods) {
            ClusterCalibration cal = new ClusterCalibration(survey, map, cl, m.prior(), sampler, clusters, haloModel, snrMin, snrMax,
                    RANDOM_POSITIONS, seed);
            Path dir = out.resolve(m.name());
            Files.createDirectories(dir);
            List<ClusterCalibration.Realisation> runs = new ArrayList<>();
            long t0 = System.nanoTime();
            int ran = 0;
            for (int r = 0; r < realisations; r++) {
                Path file = dir.resolve(String.format(Locale.ROOT, "r-%04d.json", r));
                ClusterCalibration.Realisation res;
                if (Files.isRegularFile(file)) {
                    res = JsonFiles.read(file, ClusterCalibration.Realisation.class);
                    if (res.samples() != samples || res.index() != r) {
                        throw new IllegalArgumentException(file + " holds realisation " + res.index() + " with " + res.samples()
                                + " samples, this run asks for " + samples + "; use another --out or the same --chains");
                    }
                } else {
                    res = cal.run(r, samples, threads);
                    JsonFiles.write(file, res);
                    ran++;
                    double perRun = (System.nanoTime() - t0) * 1e-9 / ran;
                    console.printf(Locale.ROOT, "%s prior: realisation %d/%d: halo S/N %.2f frequency %.2f; false candidates ≥ 0.5:"
                            + " halo-free %d, noise-only %d (%.0f s each, %.0f s left)%n", m.name(), r + 1, realisations, res.halo().snr(),
                            res.halo().frequency(), above(res.haloFree().product().candidates(), 0.5),
                            above(res.noiseOnly().product().candidates(), 0.5), perRun, perRun * (realisations - r - 1));
                    console.flush();
                }
                runs.add(res);
            }
            double[] truthPeaks = new double[TRUTH_LEVELS.length + 1];
            double[] fieldAtHalo = new double[realisations];
            for (int r = 0; r < realisations; r++) {
                ClusterCalibration.TruthStructure t = cal.truth(r, TRUTH_LEVELS, runs.get(r).halo().x(), runs.get(r).halo().y());
                for (int l = 0; l < TRUTH_LEVELS.length; l++) {
                    truthPeaks[l] += t.peaks()[l];
                }
                truthPeaks[TRUTH_LEVELS.length] += t.areaDeg2();
                fieldAtHalo[r] = t.snrAtHalo();
            }
            ClusterCalibrationReport report = new ClusterCalibrationReport(m.name(), runs, fieldAtHalo);
            report.writeFigures(dir);
            Map<String, Object> section = new LinkedHashMap<>(report.toJson());
            section.put("per_realisation", runs);
            json.put(m.name(), section);
            String header = String.format(Locale.ROOT, "%n## %s prior%n%nTile %d² of %.2f′ (survey section: %.0f galaxies/arcmin², σ_e = %.2f,"
                    + " %s; Gaussian truths of the prior's C_ℓ), injected NFW halos at z = %.1f with true S/N uniform in [%.1f, %.1f],"
                    + " clusters: aperture %.1f′, S/N ≥ %.1f, radius %.1f′, %d noise-only maps; seed %d.%n", m.name(),
                    cal.spec().size(), cal.spec().pixelArcmin(), cal.spec().galaxiesPerArcmin2(), cal.spec().sigmaE(),
                    cal.spec().shearModel(), ClusterCalibration.HALO_REDSHIFT, snrMin, snrMax, clusters.apertureArcmin(),
                    clusters.snrThreshold(), clusters.radiusArcmin(), clusters.noiseRealisations(), seed);
            md.append(report.markdown(header));
            StringBuilder peaks = new StringBuilder();
            Map<String, Double> perDeg2 = new LinkedHashMap<>();
            for (int l = 0; l < TRUTH_LEVELS.length; l++) {
                double rate = truthPeaks[l] / truthPeaks[TRUTH_LEVELS.length];
                perDeg2.put(String.format(Locale.ROOT, "%.0f", TRUTH_LEVELS[l]), rate);
                peaks.append(String.format(Locale.ROOT, "%s≥ %.0f: %.2f ± %.2f", l == 0 ? "" : ", ", TRUTH_LEVELS[l], rate,
                        Math.sqrt(truthPeaks[l]) / truthPeaks[TRUTH_LEVELS.length]));
            }
            section.put("truth_peaks_per_deg2", perDeg2);
            md.append(String.format(Locale.ROOT, "%nReal structure in the halo-free truths: peaks of the noise-free aperture-smoothed truth in"
                    + " the footprint per deg², by true S/N (over the exact σ_S): %s.%n", peaks));
            md.append(String.format(Locale.ROOT, "%n![false candidates](%s/cluster_fpr.png)%n%n![detection](%s/cluster_detection.png)%n",
                    m.name(), m.name()));
        }
        JsonFiles.write(out.resolve("cluster_calibration.json"), json);
        org.massmap.io.AtomicFile.writeBytes(out.resolve("cluster_calibration.md"), md.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        console.printf(Locale.ROOT, "wrote %s, cluster_calibration.json and figures%n", out.resolve("cluster_calibration.md"));
    }

    private static int above(double[] frequencies, double f) {
        int n = 0;
        for (double v : frequencies) {
            n += v >= f - 1e-9 ? 1 : 0;
        }
        return n;
    }
}
