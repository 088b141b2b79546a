package org.massmap.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.config.SamplerConfig;
import org.massmap.grid.SkyPoint;
import org.massmap.lensing.ShearModel;
import org.massmap.sim.MaskSpec;
import org.massmap.sim.MockSurvey;
import org.massmap.sim.MockSurveySpec;
import org.massmap.spark.output.TileOutcome;
import org.massmap.spark.output.TileAttempt;
import org.massmap.spark.output.TileCommitter;
import org.massmap.spark.output.TileFingerprint;

/**
 * The output guarantee of the survey job on local[2]: two runs never mix in one output, every check
 * comes before any publication, and an interrupted run leaves the published tiles and the run
 * manifest consistent, its garbage collected by the next run.
 */
class OutputGuaranteeTest extends SharedSpark {
    @TempDir
    static Path dir;
    static Path inputs;

    @BeforeAll
    static void mockSurvey() throws Exception {
        inputs = dir.resolve("in");
        Files.createDirectories(inputs);
        MockSurveySpec spec = new MockSurveySpec(40, 2.0, new SkyPoint(150.3, 2.1), 10, 0.26, 0.03, MaskSpec.none(),
                ShearModel.REDUCED_SHEAR);
        MockSurvey m = MockSurvey.generate(spec, MockSurvey.truthSimulator(spec, SurveyJobTest::cl, null), new SplittableRandom(5));
        SurveyJobTest.writeCatalog(inputs.resolve("a.fits"), m.ra(), m.dec(), m.e1(), m.e2());
    }

    /** The test job with a chosen run id and seed. */
    static JobSpec spec(Path out, String runId, long seed) {
        JobSpec s = SurveyJobTest.spec(out.toUri().toString(), 2);
        SamplerConfig c = s.sampler();
        SamplerConfig seeded = new SamplerConfig(c.schedule(), c.move(), c.finish(), c.sigmaMin(), c.sigmaMinTolerance(), c.chains(), seed, c.batchSize(),
                c.threads(), c.prior(), c.model());
        return s.toBuilder().runId(runId).sampler(seeded).build();
    }

    /** The test job with a schedule no test waits for: only a cancellation ends its chains. */
    static JobSpec endless(Path out, String runId) {
        JobSpec s = spec(out, runId, 1);
        SamplerConfig c = s.sampler();
        SamplerConfig endless = new SamplerConfig(new org.massmap.sampling.GeometricSchedule(0.1, 0.005, 100_000_000, 2, 2), c.move(),
                c.finish(), c.sigmaMin(), c.sigmaMinTolerance(), c.chains(), c.seed(), c.batchSize(), c.threads(), c.prior(), c.model());
        return s.toBuilder().runId(runId).sampler(endless).build();
    }

    static SurveyJob.Request request() {
        return new SurveyJob.Request(List.of(inputs.toUri().toString()), 100_000, TilingChoice.parse("survey"), SurveyJobTest.TILING,
                java.util.Optional.empty(), Map.of("test", 1));
    }

    static SurveyJob.Outcome run(JobSpec spec) throws Exception {
        return SurveyJob.run(jsc, spec, request(), new PrintWriter(new StringWriter(), true));
    }

    /** Every file under the output's tiles/ and its manifest, with its content (what a reader sees). */
    static Map<String, String> published(Path out) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String name = out.relativize(p).toString();
                if (name.endsWith("current.json") || name.equals("manifest.json")) {
                    m.put(name, Files.readString(p));
                }
            }
        }
        return m;
    }

    @Test
    void aSecondRunWithTheSameRunIdStopsBeforePublishingAnything() throws Exception {
        Path out = dir.resolve("same-id");
        assertEquals(0, run(spec(out, "x", 1)).exitCode());
        Map<String, String> before = published(out);
        Exception e = assertThrows(Exception.class, () -> run(spec(out, "x", 2)));
        assertTrue(e.getMessage().contains("run id 'x' was already used"), e.getMessage());
        assertEquals(before, published(out), "nothing of the refused run is published");
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals(1, manifest.path("seeds").path("run").asLong());
    }

    @Test
    void aRunIsRefusedWhileAnotherHoldsTheOutput() throws Exception {
        Path out = dir.resolve("locked");
        Files.createDirectories(out);
        Path lock = out.resolve(".massmap.lock");
        // another process's run: the operating-system lock a running massmap holds on OUT/.massmap.lock
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = ch.lock()) {
            Exception e = assertThrows(Exception.class, () -> run(spec(out, "y", 1)));
            assertTrue(e.getMessage().contains("is writing to this output"), e.getMessage());
            assertFalse(Files.exists(out.resolve("tiles")), "no tile was written");
            assertFalse(Files.exists(out.resolve("manifest.json")));
        }
        assertEquals(0, run(spec(out, "y", 1)).exitCode(), "once released, the output can be used");
    }

    @Test
    void ctrlCStopsTheChainsBeforeSparkStopsPublishesNothingAndReleasesTheOutput() throws Exception {
        Path out = dir.resolve("cancelled");
        java.util.concurrent.ExecutorService driver = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<SurveyJob.Outcome> run = driver.submit(() -> run(endless(out, "c1")));
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (CancelJobsOnShutdown.chainThreads().isEmpty()) {
                assertTrue(System.nanoTime() < deadline && !run.isDone(), "the chain tasks did not start");
                Thread.sleep(20);
            }
            Thread.sleep(500);
            // what Ctrl-C runs before Spark's own hook stops the context. Spark kills the tasks without
            // interrupting their threads: only the sampler's check of the task's kill flag stops the chains
            StringWriter console = new StringWriter();
            new CancelJobsOnShutdown(jsc, new PrintWriter(console, true)).run();
            assertEquals(List.of(), CancelJobsOnShutdown.chainThreads(), "chains compute on after the hook: " + console);
            assertTrue(console.toString().startsWith("interrupted: Spark jobs cancelled, chains stopped in "), console.toString());
            java.util.concurrent.ExecutionException failed = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> run.get(60, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(String.valueOf(failed.getCause().getMessage()).contains("cancelled"), String.valueOf(failed.getCause()));
        } finally {
            driver.shutdownNow();
        }
        assertFalse(Files.exists(out.resolve("manifest.json")), "no manifest");
        assertEquals(Map.of(), published(out), "no tile published");
        assertEquals(0, run(spec(out, "c2", 1)).exitCode(), "the output is released and usable");
    }

    @Test
    void anOutputThatIsAFileIsRefusedBeforeAnyWork() throws Exception {
        Path out = dir.resolve("a-file");
        Files.writeString(out, "not a directory");
        Exception e = assertThrows(Exception.class, () -> run(spec(out, "z", 1)));
        assertTrue(e.getMessage().contains("is a file, not a directory"), e.getMessage());
        assertEquals("not a directory", Files.readString(out));
    }
    @Test
    void anInterruptedRunLeavesTheManifestTrueAndTheNextRunCollectsItsGarbage() throws Exception {
        Path out = dir.resolve("interrupted");
        assertEquals(0, run(spec(out, "r1", 1)).exitCode());
        List<String> tiles = tileIds(out);
        assertTrue(tiles.size() >= 2, tiles.toString());

        // run r2 is killed midway: it republished one tile, left a half-written attempt and a temporary manifest in another
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(out.toUri());
        TileCommitter killed = TileCommitter.open(root, jsc.hadoopConfiguration(), "r2");
        TileAttempt republished = killed.begin(tiles.get(0));
        republished.write("posterior_mean.fits", "newer".getBytes(StandardCharsets.UTF_8));
        killed.publish(republished, new TileFingerprint("0".repeat(64)), Map.of());
        TileAttempt orphan = killed.begin(tiles.get(1));
        orphan.write("posterior_mean.fits", "half".getBytes(StandardCharsets.UTF_8));
        long ms = System.currentTimeMillis();
        Path temp = out.resolve("tiles").resolve(tiles.get(1)).resolve(String.format(".current.json.tmp-%08x-%04x-7abc-8def-0123456789ab",
                ms >>> 16, ms & 0xffff));
        Files.writeString(temp, "{\"partial");

        // every attempt the run manifest names is still there, whole
        for (String attempt : manifestAttempts(out)) {
            assertTrue(Files.isRegularFile(Path.of(java.net.URI.create(attempt)).resolve("posterior_mean.fits")), attempt);
        }

        // the next run holds the lock, so the killed run's garbage goes whatever its age
        assertEquals(0, run(spec(out, "r3", 1)).exitCode());
        for (String tile : tileIds(out)) {
            Path tileDir = out.resolve("tiles").resolve(tile);
            String current = new ObjectMapper().readTree(tileDir.resolve("current.json").toFile()).get("attempt").asText();
            try (Stream<Path> s = Files.list(tileDir)) {
                assertEquals(List.of("current.json", current), s.map(p -> p.getFileName().toString()).sorted().toList(), tile);
            }
        }
        List<String> named = manifestAttempts(out);
        assertEquals(tiles.size(), named.size(), "the manifest names every tile's attempt, run or skipped");
        for (String attempt : named) {
            assertTrue(Files.isRegularFile(Path.of(java.net.URI.create(attempt)).resolve("posterior_mean.fits")), attempt);
        }
    }

    @Test
    void aFullDiskFailsOnlyTheTileItHitsWithOneMessage() throws Exception {
        Path out = dir.resolve("disk-full");
        String victim = org.massmap.survey.SurveyTiling.of(SurveyJobTest.TILING).tilesContaining(150.3, 2.1).get(0).id();
        org.apache.hadoop.conf.Configuration conf = jsc.hadoopConfiguration();
        conf.set("fs.file.impl", DiskFullFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        conf.set(DiskFullFileSystem.TILE_KEY, victim);
        SurveyJob.Outcome o;
        try {
            o = run(spec(out, "full", 1));
        } finally {
            conf.unset("fs.file.impl");
            conf.unset("fs.file.impl.disable.cache");
            conf.unset(DiskFullFileSystem.TILE_KEY);
        }
        assertEquals(3, o.exitCode(), "partial: the other tiles are published");
        for (TileReport r : o.tiles()) {
            if (r.tileId().equals(victim)) {
                assertEquals(TileOutcome.FAILED, r.status());
                assertTrue(r.reason().contains("No space left on device") && !r.reason().contains("\n"), r.reason());
            } else {
                assertEquals(TileOutcome.OK, r.status(), r.tileId());
            }
        }
        assertFalse(Files.exists(out.resolve("tiles").resolve(victim).resolve("current.json")));
    }

    @Test
    void aResumedRunGivesTheMosaicOfAnUninterruptedOneBitForBit() throws Exception {
        Path out = dir.resolve("resumed");
        assertEquals(0, run(spec(out, "full", 1)).exitCode());
        org.massmap.survey.HealpixMosaic full = org.massmap.survey.HealpixMosaic.read(SurveyJobTest.currentDir(out, SurveyJob.MOSAIC_ID)
                .resolve("mosaic.fits"));
        // as after an interruption: one tile and the mosaic unpublished, the other tiles finished (read back from their files)
        List<String> tiles = tileIds(out);
        Files.delete(out.resolve("tiles").resolve(tiles.get(0)).resolve("current.json"));
        Files.delete(out.resolve("tiles").resolve(SurveyJob.MOSAIC_ID).resolve("current.json"));
        SurveyJob.Outcome resumed = run(spec(out, "resume", 1));
        assertEquals(0, resumed.exitCode());
        assertEquals(tiles.size() - 1, resumed.tiles().stream().filter(t -> t.status() == TileOutcome.SKIPPED).count());
        org.massmap.survey.HealpixMosaic again = org.massmap.survey.HealpixMosaic.read(SurveyJobTest.currentDir(out, SurveyJob.MOSAIC_ID)
                .resolve("mosaic.fits"));
        assertEquals(full.names(), again.names());
        org.junit.jupiter.api.Assertions.assertArrayEquals(full.pixels(), again.pixels());
        for (String c : full.names()) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(full.column(c).values(), again.column(c).values(), c);
        }
    }

    @Test
    void publishedFitsFilesFollowTheFitsStandard() throws Exception {
        Path out = dir.resolve("fits-nits");
        assertEquals(0, run(spec(out, "nits", 1)).exitCode());
        Path tile = SurveyJobTest.currentDir(out, tileIds(out).get(0));
        for (String file : new String[] {"posterior_mean.fits", "mask.fits", "kappa_wiener.fits"}) {
            for (nom.tam.fits.Header h : headers(tile.resolve(file))) {
                assertFalse(h.containsKey("EQUINOX"), file + ": EQUINOX has no meaning beside RADESYS = 'ICRS'");
                if ("COUNTS".equals(h.getStringValue("EXTNAME"))) {
                    assertEquals("count", h.getStringValue("BUNIT"), "a unit of the FITS standard");
                }
            }
        }
        nom.tam.fits.Header candidates = headers(tile.resolve("clusters.fits")).stream()
                .filter(h -> "CANDIDATES".equals(h.getStringValue("EXTNAME"))).findFirst().orElseThrow();
        for (int j = 1; j <= candidates.getIntValue("TFIELDS"); j++) {
            String name = candidates.getStringValue("TTYPE" + j).trim();
            if (name.equals("x") || name.equals("y")) {
                assertTrue(String.valueOf(candidates.getStringValue("TCOMM" + j)).contains("0-based"), name + " says it is 0-based");
            }
        }
    }

    static List<nom.tam.fits.Header> headers(Path file) throws Exception {
        List<nom.tam.fits.Header> out = new java.util.ArrayList<>();
        try (nom.tam.fits.Fits f = new nom.tam.fits.Fits(file.toFile())) {
            for (nom.tam.fits.BasicHDU<?> h : f.read()) {
                out.add(h.getHeader());
            }
        }
        return out;
    }

    static List<String> tileIds(Path out) throws Exception {
        try (Stream<Path> s = Files.list(out.resolve("tiles"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(SurveyJob.MOSAIC_ID)).sorted().toList();
        }
    }

    /** The attempt directories OUT/manifest.json names. */
    static List<String> manifestAttempts(Path out) throws Exception {
        List<String> attempts = new java.util.ArrayList<>();
        for (JsonNode t : new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).get("tiles")) {
            if (!t.path("attempt").isNull() && !t.path("attempt").isMissingNode()) {
                attempts.add(t.get("attempt").asText());
            }
        }
        return attempts;
    }
}
