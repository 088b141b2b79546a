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
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.io.JsonFiles;
import org.massmap.prior.GaussianFieldGenerator;
import org.massmap.prior.PowerMap;
import org.massmap.sim.ConvergenceSimulator;
import org.massmap.theory.ConvergenceSpectrum;

/**
 * {@code study --calibration}: simulation-based calibration of each prior with the sampler, on a
 * small periodic tile (map.size × map.pixel-arcmin, every pixel observed, noise of the survey
 * section's density and σ_e). Truths come from the distribution each prior claims: Gaussian fields
 * of the C_ℓ for the Gaussian prior, the training simulator (lognormal field plus halos, the same
 * C_ℓ) for the hybrid prior. Each realisation is written to DIR/PRIOR/r-NNNN.json as it finishes
 * and reused on a rerun, so a long calibration runs in resumable pieces. Writes DIR/calibration.md,
 * DIR/calibration.json and DIR/calibration_PRIOR.png.
 */
public final class CalibrationStudy {
    private CalibrationStudy() {
    }

    /**
     * Runs the calibration.
     *
     * @param s            the settings (map, sampler, survey noise, simulate.lognormal-shift, halos)
     * @param out          the output directory DIR (existing)
     * @param methods      the priors to calibrate
     * @param cl           the convergence power spectrum of the truths and the priors
     * @param realisations truths per prior
     * @param samples      posterior samples per truth; {@code samples} + 1 must be divisible into rank bins
     *                     ({@link CalibrationReport#binsFor}; the study command checks it before any output)
     * @param seed         seed of the truths, noise and chains
     * @param console      progress lines, one per realisation and prior
     */
    public static void run(Settings s, Path out, List<StudyRealisation.Method> methods, ConvergenceSpectrum cl, int realisations, int samples,
            long seed, PrintWriter console) throws Exception {
        MapSettings map = MapSettings.from(s);
        TileGrid grid = TileGrid.square(map.size(), map.pixelArcmin(), map.center().orElse(new SkyPoint(150, 2)));
        SamplerConfig sampler = SamplerConfig.from(s);
        double noise = SurveyConfig.pixelNoise(s, map.pixelArcmin());
        PowerMap power = PowerMap.fromCl(grid, cl::cl);
        int threads = Runtime.getRuntime().availableProcessors();
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> tile = new java.util.LinkedHashMap<>(); // a fixed key order: repeatable files
        tile.put("size", map.size());
        tile.put("pixel_arcmin", map.pixelArcmin());
        json.put("tile", tile);
        json.put("noise_per_pixel", noise);
        json.put("shear_model", map.shearModel().toString());
        json.put("seed", seed);
        StringBuilder md = new StringBuilder();
        for (StudyRealisation.Method m : methods) {
            SimulationBasedCalibration.TruthSource truths = truths(s, m.name(), grid, power);
            SimulationBasedCalibration sbc = new SimulationBasedCalibration(grid, power, truths, map.shearModel(), noise, m.prior(),
                    sampler, seed);
            Path dir = out.resolve(m.name());
            Files.createDirectories(dir);
            List<SimulationBasedCalibration.Realisation> runs = new ArrayList<>();
            long t0 = System.nanoTime();
            int ran = 0;
            for (int r = 0; r < realisations; r++) {
                Path file = dir.resolve(String.format(Locale.ROOT, "r-%04d.json", r));
                SimulationBasedCalibration.Realisation res;
                if (Files.isRegularFile(file)) {
                    res = JsonFiles.read(file, SimulationBasedCalibration.Realisation.class);
                    if (res.samples() != samples || res.index() != r) {
                        throw new IllegalArgumentException(file + " holds realisation " + res.index() + " with " + res.samples()
                                + " samples, this run asks for " + samples + "; use another --out or the same --chains");
                    }
                } else {
                    res = sbc.run(r, samples, threads);
                    JsonFiles.write(file, res);
                    ran++;
                    double perRun = (System.nanoTime() - t0) * 1e-9 / ran;
                    console.printf(Locale.ROOT, "%s prior: realisation %d/%d, acceptance %.2f (%.0f s each, %.0f s left)%n", m.name(), r + 1,
                            realisations, res.acceptance(), perRun, perRun * (realisations - r - 1));
                    console.flush();
                }
                runs.add(res);
            }
            CalibrationReport report = CalibrationReport.of(m.name(), sbc.statistics().names(), runs);
            report.writeFigure(out.resolve("calibration_" + m.name() + ".png"));
            Map<String, Object> section = new LinkedHashMap<>(report.toJson());
            section.put("per_realisation", runs);
            json.put(m.name(), section);
            md.append(report.markdown()).append('\n');
            console.printf(Locale.ROOT, "%s prior: %d statistics, failing (Bonferroni p < %.2g/%d): %s%n", m.name(),
                    report.statistics().size(), CalibrationReport.ALPHA, report.statistics().size(),
                    report.failing().isEmpty() ? "none" : String.join(", ", report.failing()));
        }
        JsonFiles.write(out.resolve("calibration.json"), json);
        org.massmap.io.AtomicFile.writeBytes(out.resolve("calibration.md"), md.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        console.printf(Locale.ROOT, "wrote %s, calibration.json and calibration_*.png%n", out.resolve("calibration.md"));
    }

    /** Gaussian truths for the Gaussian prior; the training simulator's for the hybrid prior. */
    private static SimulationBasedCalibration.TruthSource truths(Settings s, String prior, TileGrid grid, PowerMap power) throws Exception {
        if (prior.equals("gaussian")) {
            return new GaussianFieldGenerator(power)::draw;
        }
        ConvergenceSimulator sim = new ConvergenceSimulator(grid, power, s.positive("simulate.lognormal-shift"),
                SurveyConfig.halos(s) ? SimulationConfig.haloModel(s) : null);
        return rng -> sim.draw(rng).kappa();
    }
}
