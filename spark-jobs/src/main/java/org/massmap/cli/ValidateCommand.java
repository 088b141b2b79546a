package org.massmap.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.massmap.grid.TileGrid;
import org.massmap.io.JsonFiles;
import org.massmap.io.MassmapIoException;
import org.massmap.io.SkyMap;
import org.massmap.io.fits.FitsCubeReader;
import org.massmap.io.fits.FitsMaps;
import org.massmap.io.plot.LinePlot;
import org.massmap.survey.TruthMaps;
import org.massmap.validation.MapMetrics;
import org.massmap.validation.ValidationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code massmap validate}: compares a sampling run's maps with a known truth. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compares a run's maps with a known truth.",
                "KS, Wiener and posterior maps against the truth inside the mask: RMSE and Pearson r",
                "(mean-subtracted), power spectra of samples vs truth, one-point statistics and coverage of the 68%/95% intervals.",
                "Writes validation.json, power_spectra.png and coverage.png into a tile's product directory, or into",
                "RUN/validation/TILE/ for the survey job's output (published tile directories are never modified)."})
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--truth", required = true, paramLabel = "FILE", description = "Truth map (FITS image with WCS).")
    Path truth;
    @Option(names = "--run", required = true, paramLabel = "DIR",
            description = "Output of `massmap sample` (a tile is chosen with --tile), or one tile's product directory.")
    Path run;
    @Option(names = "--tile", paramLabel = "ID", description = "Tile to validate when the run holds several.")
    String tile;

    @Override
    public Integer call() throws Exception {
        CommandSupport.requireFile(truth, "--truth");
        if (!Files.isDirectory(run)) {
            throw new IllegalArgumentException("--run " + run + ": no such directory");
        }
        Path products = RunDirectories.resolve(run, tile);
        ValidationReport r = validate(truth, products);
        Path report = products.equals(run) ? run : run.resolve("validation").resolve(products.getParent().getFileName().toString());
        Files.createDirectories(report);
        write(r, report);
        var out = spec.commandLine().getOut();
        out.printf("%-26s %10s %10s%n", "inside the mask", "RMSE", "Pearson r");
        for (Map.Entry<String, MapMetrics> e : r.methods().entrySet()) {
            out.printf("%-26s %10.5f %10.3f%n", e.getKey(), e.getValue().rmse(), e.getValue().pearson());
        }
        out.printf("coverage: 68%% interval %.3f, 95%% interval %.3f (a calibrated posterior gives %.3f and %.3f with %d samples);"
                + " skewness truth %.2f, samples %.2f%n", r.coverage68(), r.coverage95(), ValidationReport.expectedCoverage(0.68,
                r.samples()), ValidationReport.expectedCoverage(0.95, r.samples()), r.samples(), r.truthOnePoint().skewness(),
                r.samplesOnePoint().skewness());
        out.println("wrote " + report.resolve("validation.json"));
        return 0;
    }

    /** Writes validation.json, power_spectra.png and coverage.png of a report into {@code dir}. */
    static void write(ValidationReport r, Path dir) throws MassmapIoException {
        JsonFiles.write(dir.resolve("validation.json"), r.toJson());
        LinePlot.of("Power spectra", "multipole ℓ", "C_ℓ").withLogX().withLogY()
                .with("truth", r.ell(), r.clTruth()).with("posterior samples (mean C_ℓ)", r.ell(), r.clSamples())
                .with("posterior mean", r.ell(), r.clMean()).with("Wiener filter", r.ell(), r.clWiener())
                .writePng(dir.resolve("power_spectra.png"));
        double expected68 = ValidationReport.expectedCoverage(0.68, r.samples());
        double expected95 = ValidationReport.expectedCoverage(0.95, r.samples());
        LinePlot.of("Coverage of credible intervals", "nominal", "empirical").withXRange(0, 1).withYRange(0, 1)
                .with(new LinePlot.Series("ideal", new double[] {0, 1}, new double[] {0, 1}, LinePlot.Style.DASHED))
                .with(new LinePlot.Series("calibrated, " + r.samples() + " samples", new double[] {0.68, 0.95},
                        new double[] {expected68, expected95}, LinePlot.Style.LINE))
                .with(new LinePlot.Series("posterior", new double[] {0.68, 0.95}, new double[] {r.coverage68(), r.coverage95()},
                        LinePlot.Style.LINE_AND_POINTS))
                .writePng(dir.resolve("coverage.png"));
    }

    /** Reads a run directory and the truth and computes the report. */
    static ValidationReport validate(Path truthFile, Path run) throws MassmapIoException {
        SkyMap mean = read(run, "posterior_mean.fits");
        TileGrid grid = mean.grid();
        double[] truthMap = TruthMaps.onGrid(FitsMaps.read(truthFile).map(), grid);
        double[] maskValues = read(run, "mask.fits").values();
        boolean[] mask = new boolean[maskValues.length];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = maskValues[i] > 0;
        }
        List<double[]> samples = new ArrayList<>();
        try (FitsCubeReader cube = FitsCubeReader.open(run.resolve("samples.fits"))) {
            for (int k = 0; k < cube.depth(); k++) {
                samples.add(cube.readPlane(k));
            }
        }
        double[][] q = {read(run, "posterior_q02.5.fits").values(), read(run, "posterior_q16.fits").values(),
                read(run, "posterior_q84.fits").values(), read(run, "posterior_q97.5.fits").values()};
        return ValidationReport.of(grid, truthMap, mask, read(run, "kappa_ks_e.fits").values(),
                read(run, "kappa_wiener.fits").values(), mean.values(), read(run, "posterior_median.fits").values(), q, samples);
    }

    private static SkyMap read(Path run, String file) throws MassmapIoException {
        Path p = run.resolve(file);
        if (!Files.isRegularFile(p)) {
            throw new MassmapIoException(p, "missing from the run directory; is " + run + " the output of `massmap sample`?");
        }
        return FitsMaps.read(p).map();
    }
}
