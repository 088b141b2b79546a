package org.massmap.spark.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.catalog.ColumnMapping;
import org.massmap.catalog.ShapeNoise;
import org.massmap.config.SamplerConfig;
import org.massmap.grid.SkyPoint;
import org.massmap.io.fits.FitsCubes;
import org.massmap.io.fits.FitsTable;
import org.massmap.io.fits.FitsTables;
import org.massmap.io.fits.Provenance;
import org.massmap.io.fits.TableColumn;
import org.massmap.lensing.ShearModel;
import org.massmap.sampling.GeometricSchedule;
import org.massmap.sampling.HmcMove;
import org.massmap.sampling.MassKind;
import org.massmap.sampling.ProbabilityFlow;
import org.massmap.sim.MaskSpec;
import org.massmap.sim.MockSurvey;
import org.massmap.sim.MockSurveySpec;
import org.massmap.spark.output.TileOutcome;
import org.massmap.stats.ClusterSettings;
import org.massmap.survey.SurveyTiling;
import org.massmap.survey.TilingSpec;

/**
 * The survey job on local[2] over a small mock survey (2x2-ish tiles of 32² at 2′): outputs,
 * nightly-rerun behaviour (unchanged, touched, new catalog), a bad input file, and reproducibility
 * under another partitioning. The driver's maxResultSize (2 MB) is far below the catalog and the
 * samples, so nothing large may be collected.
 */
class SurveyJobTest extends SharedSpark {
    @TempDir
    static Path dir;
    static Path inputs;
    static final TilingSpec TILING = new TilingSpec(32, 2.0, 8);

    static double cl(double ell) {
        return 2e-9 * Math.pow(ell / 1000.0, -1.1) * Math.exp(-ell / 20000.0);
    }

    @BeforeAll
    static void mockSurvey() throws Exception {
        inputs = dir.resolve("in");
        Files.createDirectories(inputs);
        MockSurveySpec spec = new MockSurveySpec(48, 2.0, new SkyPoint(150.3, 2.1), 12, 0.26, 0.03, MaskSpec.none(),
                ShearModel.REDUCED_SHEAR);
        MockSurvey m = MockSurvey.generate(spec, MockSurvey.truthSimulator(spec, SurveyJobTest::cl, null), new SplittableRandom(5));
        writeCatalog(inputs.resolve("a.fits"), m.ra(), m.dec(), m.e1(), m.e2());
    }

    static void writeCatalog(Path file, double[] ra, double[] dec, double[] e1, double[] e2) throws Exception {
        double[] w = new double[ra.length];
        java.util.Arrays.fill(w, 1);
        FitsTables.write(file, Provenance.of("test", Instant.EPOCH), FitsTable.of("GALAXIES",
                TableColumn.doubles("ra", "deg", ra), TableColumn.doubles("dec", "deg", dec),
                TableColumn.doubles("e1", "", e1), TableColumn.doubles("e2", "", e2), TableColumn.doubles("w", "", w)));
    }

    static JobSpec spec(String out, int chains) {
        SamplerConfig sampler = new SamplerConfig(new GeometricSchedule(0.1, 0.005, 4, 2, 2),
                new HmcMove(3, 0.5, 0.7, MassKind.FOURIER), ProbabilityFlow.NONE, 0.005, 0.005, chains, 7, 2, 1, SamplerConfig.Prior.GAUSSIAN, "");
        double[] ell = new double[200];
        double[] c = new double[200];
        for (int i = 0; i < 200; i++) {
            ell[i] = Math.pow(10, 0.5 + 4.5 * i / 199.0);
            c[i] = cl(ell[i]);
        }
        return JobSpec.builder().outputUri(out).runId("run" + System.nanoTime()).columns(ColumnMapping.defaults().withWeight("w"))
                .shapeNoise(ShapeNoise.measured()).shearModel(ShearModel.REDUCED_SHEAR).minGalaxies(50).clEll(ell).clValues(c)
                .sampler(sampler).clusters(new ClusterSettings(2, 3, 2, 0.1, 4)).canonicalConfig("{\"test\":1}")
                .mosaicTaperArcmin(4).wienerTolerance(1e-6).wienerMaxIterations(500).softwareVersion("test").build();
    }

    static SurveyJob.Request request(long rowsPerSplit) {
        return new SurveyJob.Request(List.of(inputs.toUri().toString()), rowsPerSplit, TilingChoice.parse("survey"), TILING,
                Optional.empty(), Map.of("test", 1));
    }

    static SurveyJob.Outcome run(String out, long rowsPerSplit) throws Exception {
        StringWriter console = new StringWriter();
        SurveyJob.Outcome o = SurveyJob.run(jsc, spec(out, 3), request(rowsPerSplit), new PrintWriter(console, true));
        return o;
    }

    static Map<String, TileOutcome> statuses(SurveyJob.Outcome o) {
        Map<String, TileOutcome> m = new TreeMap<>();
        for (TileReport r : o.tiles()) {
            m.put(r.tileId(), r.status());
        }
        return m;
    }

    static Path currentDir(Path out, String tile) throws Exception {
        JsonNode current = new ObjectMapper().readTree(out.resolve("tiles").resolve(tile).resolve("current.json").toFile());
        return out.resolve("tiles").resolve(tile).resolve(current.get("attempt").asText());
    }

    @Test
    void runsEveryTileThenSkipsUnchangedOnesAndRedoesOnlyTouchedTiles() throws Exception {
        Path out = dir.resolve("out1");
        SurveyJob.Outcome first = run(out.toUri().toString(), 2_000);
        assertEquals(0, first.exitCode(), first.toString());
        Map<String, TileOutcome> s1 = statuses(first);
        assertTrue(s1.size() >= 2, "the footprint needs several tiles: " + s1);
        for (Map.Entry<String, TileOutcome> e : s1.entrySet()) {
            assertEquals(TileOutcome.OK, e.getValue(), e.getKey());
            Path tile = currentDir(out, e.getKey());
            for (String f : new String[] {"posterior_mean.fits", "posterior_std.fits", "samples.fits", "cluster_frequency.fits",
                    "clusters.fits", "kappa_wiener.fits", "kappa_ks_e.fits", "fig1.png", "tile.json"}) {
                assertTrue(Files.isRegularFile(tile.resolve(f)), e.getKey() + "/" + f);
            }
            assertEquals(3, FitsCubes.readAll(tile.resolve("samples.fits")).length);
        }
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals("ok", manifest.get("status").asText().toLowerCase());
        assertTrue(Files.isDirectory(currentDir(out, SurveyJob.MOSAIC_ID)));

        // nightly rerun over the same catalogs: no sampling at all
        SurveyJob.Outcome second = run(out.toUri().toString(), 2_000);
        statuses(second).values().forEach(v -> assertEquals(TileOutcome.SKIPPED, v));
        // touching the catalog changes nothing
        Files.setLastModifiedTime(inputs.resolve("a.fits"), FileTime.from(Instant.now().plusSeconds(60)));
        statuses(run(out.toUri().toString(), 2_000)).values().forEach(v -> assertEquals(TileOutcome.SKIPPED, v));

        // a new catalog file with galaxies near one tile's centre: only the tiles containing them rerun
        SurveyTiling tiling = SurveyTiling.of(TILING);
        String someTile = s1.keySet().iterator().next();
        var t = tiling.tile(someTile).orElseThrow();
        int n = 200;
        double[] ra = new double[n];
        double[] dec = new double[n];
        double[] e = new double[n];
        SplittableRandom rng = new SplittableRandom(9);
        for (int i = 0; i < n; i++) {
            ra[i] = t.raDeg() + 0.02 * (rng.nextDouble() - 0.5);
            dec[i] = t.decDeg() + 0.02 * (rng.nextDouble() - 0.5);
            e[i] = 0.2 * rng.nextGaussian();
        }
        Path extra = inputs.resolve("night2.fits");
        writeCatalog(extra, ra, dec, e, e);
        try {
            Map<String, TileOutcome> s3 = statuses(run(out.toUri().toString(), 2_000));
            java.util.Set<String> touched = new java.util.TreeSet<>();
            for (int i = 0; i < n; i++) {
                tiling.tilesContaining(ra[i], dec[i]).forEach(x -> touched.add(x.id()));
            }
            for (Map.Entry<String, TileOutcome> en : s3.entrySet()) {
                assertEquals(touched.contains(en.getKey()) ? TileOutcome.OK : TileOutcome.SKIPPED, en.getValue(), en.getKey());
            }
        } finally {
            Files.delete(extra);
        }
    }

    @Test
    void samplesAreReproducibleUnderAnotherPartitioning() throws Exception {
        Path a = dir.resolve("outA");
        Path b = dir.resolve("outB");
        assertEquals(0, run(a.toUri().toString(), 1_000).exitCode());
        assertEquals(0, run(b.toUri().toString(), 100_000).exitCode());
        for (String tile : statuses(run(a.toUri().toString(), 1_000)).keySet()) {
            double[][] sa = FitsCubes.readAll(currentDir(a, tile).resolve("samples.fits"));
            double[][] sb = FitsCubes.readAll(currentDir(b, tile).resolve("samples.fits"));
            assertEquals(sa.length, sb.length);
            for (int k = 0; k < sa.length; k++) {
                assertArrayEquals(sa[k], sb[k], "tile " + tile + " sample " + k);
            }
        }
    }

    @Test
    void aParquetCopyOfTheCatalogGivesTheSameTilesAndSamples() throws Exception {
        double[][] galaxies = org.massmap.spark.io.TestCatalogs.readAll(
                org.massmap.catalog.Catalogs.open(inputs.resolve("a.fits"), ColumnMapping.defaults().withWeight("w")));
        Path parquetDir = dir.resolve("in-parquet");
        org.massmap.spark.io.TestCatalogs.writeParquet(parquetDir.resolve("a.parquet"), galaxies);
        Path fits = dir.resolve("outFitsForParquet");
        Path parquet = dir.resolve("outParquet");
        assertEquals(0, run(fits.toUri().toString(), 100_000).exitCode());
        SurveyJob.Request fromParquet = new SurveyJob.Request(List.of(parquetDir.toUri().toString()), 100_000,
                TilingChoice.parse("survey"), TILING, Optional.empty(), Map.of("test", 1));
        SurveyJob.Outcome o = SurveyJob.run(jsc, spec(parquet.toUri().toString(), 3), fromParquet, new PrintWriter(new StringWriter(), true));
        assertEquals(0, o.exitCode());
        assertTrue(statuses(o).size() >= 2 && statuses(o).values().stream().allMatch(TileOutcome.OK::equals), statuses(o).toString());
        for (String tile : statuses(o).keySet()) {
            double[][] sa = FitsCubes.readAll(currentDir(fits, tile).resolve("samples.fits"));
            double[][] sb = FitsCubes.readAll(currentDir(parquet, tile).resolve("samples.fits"));
            assertEquals(sa.length, sb.length);
            for (int k = 0; k < sa.length; k++) {
                assertArrayEquals(sa[k], sb[k], "tile " + tile + " sample " + k);
            }
        }
    }

    @Test
    void aBadCatalogIsReportedAndTheOtherTilesFinish() throws Exception {
        Path bad = inputs.resolve("broken.fits");
        Files.write(bad, "SIMPLE  =                    T / but then nothing useful".getBytes());
        try {
            Path out = dir.resolve("outBad");
            SurveyJob.Outcome o = run(out.toUri().toString(), 2_000);
            assertEquals(3, o.exitCode(), "a run with an unreadable input is partial");
            assertEquals(1, o.inputProblems().size());
            assertTrue(o.inputProblems().get(0).uri().endsWith("broken.fits"));
            assertNotNull(o.inputProblems().get(0).reason());
            statuses(o).values().forEach(v -> assertEquals(TileOutcome.OK, v));
            JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
            assertTrue(manifest.toString().contains("broken.fits"), "the manifest names the bad file");
            assertEquals("partial", manifest.get("status").asText(), "exit 3 is a partial run");
            assertEquals(3, manifest.get("exitCode").asInt());
            assertEquals(0, manifest.get("tileCounts").get("failed").asLong(), "no tile failed, as the console says");
        } finally {
            Files.delete(bad);
        }
    }

    static List<String> lines(String s) {
        return new ArrayList<>(List.of(s.split("\n")));
    }
}
