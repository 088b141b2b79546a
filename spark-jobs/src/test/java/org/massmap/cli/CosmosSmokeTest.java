package org.massmap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.grid.TileGrid;
import org.massmap.io.fits.FitsMaps;
import org.massmap.io.fits.FitsTable;
import org.massmap.io.fits.FitsTables;
import org.massmap.lensing.GaussianSmoother;
import org.massmap.output.PublishedTile;

/**
 * {@code massmap cosmos} end to end on a subset of the real catalog (the galaxies within 10′ of the
 * preset's centre) on a 48² tile of 0.29′ with the Gaussian prior and 4 chains: the survey job's
 * outputs and the report exist and are sane, and a rerun skips the unchanged tile and rewrites the report.
 */
@Tag("slow")
class CosmosSmokeTest {

    static String[] args(Path data, Path out) {
        return new String[] {"cosmos", "--out", out.toString(), "--data", data.toString(), "--prior", "gaussian", "--chains", "4",
            "--size", "48", "--master", "local[2]", "--set", "sampler.levels=4", "--set", "sampler.steps-per-level=2",
            "--set", "sampler.final-steps=2", "--set", "clusters.noise-realisations=4", "--set", "cosmos.cutout-arcmin=8",
            "--set", "cosmos.cutout-samples=3"};
    }

    static String run(String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, out + "\n" + err);
        return out.toString();
    }

    @Test
    void subsetOfTheFieldMapsEndToEnd(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        int galaxies = CosmosTestData.load().write(data, 10, 0, "e1");
        Path out = dir.resolve("out");
        String console = run(args(data, out));
        assertTrue(console.contains("fall outside the tile"), "the 10′ disc overflows the 14′ tile: " + console);

        Path report = out.resolve("report");
        for (String f : new String[] {"summary.md", "xray_clusters.md", "xray_clusters.csv", "xray_clusters.fits", "fig2_gaussian.png",
            "cutouts_gaussian.png", "bmode.png", "kappa_ks_e_smoothed.fits", "kappa_ks_b_smoothed.fits"}) {
            assertTrue(Files.size(report.resolve(f)) > 0, f);
        }
        assertTrue(Files.isRegularFile(out.resolve("jobs/gaussian/manifest.json")));
        PublishedTile tile = PublishedTile.read(RunDirectories.resolve(out.resolve("jobs/gaussian"), null), 10);
        TileGrid grid = tile.grid();
        assertEquals(48, grid.nx());
        assertEquals(0.29, grid.pixelArcmin(), 1e-9);
        assertEquals(4, tile.totalSamples());
        int observed = 0;
        for (int i = 0; i < grid.size(); i++) {
            if (tile.mask()[i]) {
                observed++;
                assertTrue(Math.abs(tile.mean()[i]) < 0.5 && Math.abs(tile.wiener()[i]) < 0.5, "sane kappa at pixel " + i);
                assertTrue(tile.clusterFrequency()[i] >= 0 && tile.clusterFrequency()[i] <= 1);
            }
        }
        assertTrue(observed > 0.9 * grid.size(), observed + " observed pixels: the subset covers the tile");

        // the X-ray table: every cluster listed; observed ones (on observed pixels) have a frequency, the others NaN
        FitsTable xray = FitsTables.read(report.resolve("xray_clusters.fits"), "XRAY_CLUSTERS");
        assertEquals(72, xray.rows());
        double[] f = xray.doubles("frequency_gaussian");
        double[] x = xray.doubles("x");
        double[] y = xray.doubles("y");
        int[] obs = xray.ints("observed");
        int listed = 0;
        for (int i = 0; i < xray.rows(); i++) {
            int p = grid.pixelIndex(x[i], y[i]);
            assertEquals(p >= 0 && tile.mask()[p] ? 1 : 0, obs[i], "observed flag of row " + i);
            assertEquals(obs[i] == 1, f[i] >= 0 && f[i] <= 1, "frequency of row " + i + ": " + f[i]);
            listed += obs[i];
        }
        assertTrue(listed >= 2, listed + " X-ray clusters on the 14′ tile at the centre of COSMOS");
        assertEquals(listed + 2, Files.readString(report.resolve("xray_clusters.md")).lines().count(), "header, rule, observed rows");
        assertEquals(73, Files.readString(report.resolve("xray_clusters.csv")).lines().count());

        // the smoothed Kaiser-Squires map is the published raw map smoothed by cosmos.ks-smooth-arcmin (1′)
        double[] smoothed = FitsMaps.read(report.resolve("kappa_ks_e_smoothed.fits")).map().values();
        double[] expected = new GaussianSmoother(48, 48, 1 / 0.29).smooth(tile.ksE());
        for (int i = 0; i < smoothed.length; i++) {
            assertEquals(expected[i], smoothed[i], 1e-6);
        }
        String summary = Files.readString(report.resolve("summary.md"));
        assertTrue(summary.contains(galaxies - countOutside(console) + " galaxies on the tile"), summary);
        assertTrue(summary.contains("## B-mode null test") && summary.contains("gaussian (theory C_ell), 4 samples"), summary);

        String again = run(args(data, out));
        assertTrue(again.contains("0 to sample") && again.contains("1 up to date"), "the unchanged tile is skipped: " + again);
        assertTrue(Files.isRegularFile(report.resolve("summary.md")));
        try (var s = Files.list(out)) {
            assertEquals(2, s.count(), "only jobs/ and report/ (no temporary directories left): " + out);
        }
    }

    /** The number of galaxies the console reported outside the tile. */
    private static long countOutside(String console) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("warning: (\\d+) of the catalog's").matcher(console);
        assertTrue(m.find(), console);
        return Long.parseLong(m.group(1));
    }
}
