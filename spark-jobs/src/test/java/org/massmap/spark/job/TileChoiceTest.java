package org.massmap.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TangentPlane;
import org.massmap.survey.TilingSpec;

/**
 * Which tiles a run maps: an explicit centre means one tile there under {@code auto}; a field that
 * fits the tile is one tile; a single tile without galaxies is an error, not an empty success.
 */
class TileChoiceTest extends SharedSpark {
    @TempDir
    static Path dir;
    static Path square;
    static final TilingSpec TILING = new TilingSpec(32, 2.0, 8);
    static final SkyPoint CENTRE = new SkyPoint(150, 2);

    /** Galaxies on a symmetric grid filling 98% of the 64' square tile about CENTRE, in its tangent plane. */
    @BeforeAll
    static void squareField() throws Exception {
        square = dir.resolve("square");
        Files.createDirectories(square);
        TangentPlane plane = new TangentPlane(CENTRE);
        double half = 0.98 * Math.toRadians(32 * 2.0 / 60 / 2);
        int n = 61;
        double[] ra = new double[n * n];
        double[] dec = new double[n * n];
        double[] e1 = new double[n * n];
        double[] e2 = new double[n * n];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                SkyPoint p = plane.deproject(half * (2.0 * i / (n - 1) - 1), half * (2.0 * j / (n - 1) - 1));
                ra[i * n + j] = p.raDeg();
                dec[i * n + j] = p.decDeg();
                e1[i * n + j] = 0.25 * rng.nextGaussian();
                e2[i * n + j] = 0.25 * rng.nextGaussian();
            }
        }
        SurveyJobTest.writeCatalog(square.resolve("square.fits"), ra, dec, e1, e2);
    }

    static SurveyJob.Outcome run(String name, String tiling, Optional<SkyPoint> centre) throws Exception {
        SurveyJob.Request r = new SurveyJob.Request(List.of(square.toUri().toString()), 100_000, TilingChoice.parse(tiling), TILING,
                centre, Map.of("test", 1));
        return SurveyJob.run(jsc, SurveyJobTest.spec(dir.resolve(name).toUri().toString(), 2), r, new PrintWriter(new StringWriter(), true));
    }

    @Test
    void anExplicitCentreUnderAutoMeansOneTileThere() throws Exception {
        SkyPoint off = new SkyPoint(150.2, 2.1); // inside the field, which is larger than a tile about it
        SurveyJob.Outcome o = run("explicit", "auto", Optional.of(off));
        assertEquals(1, o.tiles().size(), o.tiles().toString());
        TileReport t = o.tiles().get(0);
        assertEquals("tile", t.tileId());
        assertEquals(150.2, t.raDeg(), 1e-12);
        assertEquals(2.1, t.decDeg(), 1e-12);
    }

    @Test
    void aFieldThatFitsTheTileIsOneTile() throws Exception {
        SurveyJob.Outcome o = run("fits", "auto", Optional.empty());
        assertEquals(List.of("tile"), o.tiles().stream().map(TileReport::tileId).toList());
        assertEquals(61 * 61, o.tiles().get(0).galaxies(), "every galaxy is inside");
    }

    @Test
    void anExplicitCentreWithNoGalaxiesIsAnError() throws Exception {
        for (String tiling : new String[] {"auto", "single"}) {
            Exception e = assertThrows(IllegalArgumentException.class, () -> run("empty-" + tiling, tiling, Optional.of(new SkyPoint(10, 10))));
            assertTrue(e.getMessage().contains("holds none of the 3721 usable catalog rows") && e.getMessage().contains("centre"),
                    e.getMessage());
            assertFalse(Files.exists(dir.resolve("empty-" + tiling).resolve("manifest.json")));
            try (var runs = Files.list(dir.resolve("empty-" + tiling).resolve("runs"))) {
                assertEquals(0, runs.count(), "the run id can be used again");
            }
        }
    }
    @Test
    void droppedRowsAreReportedOnTheConsoleAndInTheManifest() throws Exception {
        double[][] g = org.massmap.spark.io.TestCatalogs.readAll(org.massmap.catalog.Catalogs.open(square.resolve("square.fits"),
                org.massmap.catalog.ColumnMapping.defaults().withWeight("w")));
        int n = g[0].length;
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1);
        double[] e1 = g[2].clone();
        for (int i = 0; i < 30; i++) {
            w[i] = 0; // 30 zero weights
            e1[n - 1 - i] = Double.NaN; // 30 NaN ellipticities
        }
        Path drops = dir.resolve("drops");
        Files.createDirectories(drops);
        writeWeighted(drops.resolve("d.fits"), g[0], g[1], e1, g[3], w);
        StringWriter console = new StringWriter();
        SurveyJob.Request r = new SurveyJob.Request(List.of(drops.toUri().toString()), 100_000, TilingChoice.parse("auto"), TILING,
                Optional.empty(), Map.of("test", 1));
        Path out = dir.resolve("drops-out");
        SurveyJob.run(jsc, SurveyJobTest.spec(out.toUri().toString(), 2), r, new PrintWriter(console, true));
        assertTrue(console.toString().contains("30 dropped for NaN/inf values, 30 for zero weight"), console.toString());
        com.fasterxml.jackson.databind.JsonNode rows = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("manifest.json").toFile()).path("rows");
        assertEquals(n, rows.path("read").asLong(), rows.toString());
        assertEquals(30, rows.path("droppedZeroWeight").asLong(), rows.toString());
        assertEquals(30, rows.path("droppedNonFinite").asLong(), rows.toString());

        java.util.Arrays.fill(w, 0); // nothing usable: the message says why
        Path zero = dir.resolve("zero");
        Files.createDirectories(zero);
        writeWeighted(zero.resolve("z.fits"), g[0], g[1], g[2], g[3], w);
        SurveyJob.Request rz = new SurveyJob.Request(List.of(zero.toUri().toString()), 100_000, TilingChoice.parse("auto"), TILING,
                Optional.empty(), Map.of("test", 1));
        Exception e = assertThrows(Exception.class, () -> SurveyJob.run(jsc, SurveyJobTest.spec(dir.resolve("zero-out").toUri().toString(), 2),
                rz, new PrintWriter(new StringWriter(), true)));
        assertTrue(e.getMessage().contains(n + " rows were dropped") && e.getMessage().contains(n + " for zero weight"), e.getMessage());
    }

    @Test
    void imagesAndTablesWithoutShearNextToTheCatalogAreSkippedQuietly() throws Exception {
        Path folder = dir.resolve("simulated");
        Files.createDirectories(folder); // as `massmap simulate survey` leaves it: the catalog, the truth, the mask, the halos
        Files.copy(square.resolve("square.fits"), folder.resolve("catalog.fits"));
        org.massmap.grid.TileGrid grid = new org.massmap.survey.Tile("t", 150, 2, 16, 4.0).grid();
        org.massmap.io.fits.FitsMaps.write(folder.resolve("truth_kappa.fits"), org.massmap.io.fits.Provenance.of("test", java.time.Instant.EPOCH),
                org.massmap.io.SkyMap.of("TRUTH_KAPPA", grid, new double[16 * 16]));
        org.massmap.io.fits.FitsTables.write(folder.resolve("halos.fits"), org.massmap.io.fits.Provenance.of("test", java.time.Instant.EPOCH),
                org.massmap.io.fits.FitsTable.of("HALOS", org.massmap.io.fits.TableColumn.doubles("ra", "deg", new double[] {150}),
                        org.massmap.io.fits.TableColumn.doubles("dec", "deg", new double[] {2}),
                        org.massmap.io.fits.TableColumn.doubles("mass", "Msun", new double[] {1e14})));
        StringWriter console = new StringWriter();
        SurveyJob.Request r = new SurveyJob.Request(List.of(folder.toUri().toString()), 100_000, TilingChoice.parse("auto"), TILING,
                Optional.empty(), Map.of("test", 1));
        SurveyJob.Outcome o = SurveyJob.run(jsc, SurveyJobTest.spec(dir.resolve("simulated-out").toUri().toString(), 2), r,
                new PrintWriter(console, true));
        assertEquals(0, o.exitCode(), console.toString());
        assertEquals(List.of(), o.inputProblems());
        assertTrue(console.toString().contains("skipped 2 FITS file(s) that are not shear catalogs"), console.toString());
    }

    @Test
    void implausibleCatalogsAsAWholeAreWarnedAboutButAFewLargeEllipticitiesAreNot() throws Exception {
        double[][] g = org.massmap.spark.io.TestCatalogs.readAll(org.massmap.catalog.Catalogs.open(square.resolve("square.fits"),
                org.massmap.catalog.ColumnMapping.defaults()));
        int n = g[0].length;
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1);
        double[] e1 = g[2].clone();
        double[] e2 = g[3].clone();
        for (int i = 0; i < n / 100; i++) { // 1% of |e| > 1, as real catalogs have (0.9% in HST/COSMOS)
            e1[i] = 1.2;
        }
        assertEquals(List.of(), warnings("few", g[0], g[1], e1, e2, w));
        double[] p1 = g[2].clone();
        double[] p2 = g[3].clone();
        for (int i = 0; i < n; i++) {
            p1[i] *= 100; // percent
            p2[i] *= 100;
        }
        List<String> percent = warnings("percent", g[0], g[1], p1, p2, w);
        assertTrue(percent.size() == 1 && percent.get(0).contains("percent"), percent.toString());
        double[] ra = g[0].clone();
        double[] dec = g[1].clone();
        for (int i = 0; i < n; i++) {
            ra[i] = Math.toRadians(ra[i]);
            dec[i] = Math.toRadians(dec[i]);
        }
        List<String> radians = warnings("radians", ra, dec, g[2], g[3], w);
        assertTrue(radians.size() == 1 && radians.get(0).contains("radians"), radians.toString());
    }

    /** The warning lines of a run over these galaxies. */
    static List<String> warnings(String name, double[] ra, double[] dec, double[] e1, double[] e2, double[] w) throws Exception {
        Path in = dir.resolve("plausible-" + name);
        Files.createDirectories(in);
        writeWeighted(in.resolve("c.fits"), ra, dec, e1, e2, w);
        StringWriter console = new StringWriter();
        SurveyJob.Request r = new SurveyJob.Request(List.of(in.toUri().toString()), 100_000, TilingChoice.parse("single"), TILING,
                Optional.empty(), Map.of("test", 1));
        SurveyJob.run(jsc, SurveyJobTest.spec(dir.resolve("plausible-out-" + name).toUri().toString(), 2), r,
                new PrintWriter(console, true));
        return console.toString().lines().filter(l -> l.startsWith("warning:")).toList();
    }

    static void writeWeighted(Path file, double[] ra, double[] dec, double[] e1, double[] e2, double[] w) throws Exception {
        org.massmap.io.fits.FitsTables.write(file, org.massmap.io.fits.Provenance.of("test", java.time.Instant.EPOCH),
                org.massmap.io.fits.FitsTable.of("GALAXIES", org.massmap.io.fits.TableColumn.doubles("ra", "deg", ra),
                        org.massmap.io.fits.TableColumn.doubles("dec", "deg", dec), org.massmap.io.fits.TableColumn.doubles("e1", "", e1),
                        org.massmap.io.fits.TableColumn.doubles("e2", "", e2), org.massmap.io.fits.TableColumn.doubles("w", "", w)));
    }
}
