package org.massmap.spark.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.io.Checksums;

class RunManifestTest {

    @TempDir
    java.nio.file.Path tmp;

    private RunManifest manifest(FaultyFileSystem fs, String runId) throws Exception {
        java.nio.file.Path catalog = tmp.resolve("cat.csv");
        Files.writeString(catalog, "ra,dec,e1,e2\n150.1,2.2,0.01,0.02\n");
        Instant start = Instant.parse("2026-11-27T08:52:24Z");
        RunManifest.Builder b = RunManifest.builder(runId, "0.1.0", Clock.fixed(start, ZoneOffset.UTC))
                .config(Map.of("map", Map.of("size", 128), "sampler", Map.of("chains", 8)))
                .seed("run", 42)
                .model(new RunManifest.ModelRef("hdfs://nn/models/score.zip", "e".repeat(64)))
                .input(RunManifest.InputFile.describe(fs, new Path(catalog.toUri())))
                .tile(new RunManifest.TileRecord("t001_0000", TileOutcome.OK, null, "a".repeat(64), "run1-x", 12.5))
                .tile(new RunManifest.TileRecord("t001_0001", TileOutcome.SKIPPED, "up to date", "b".repeat(64), "run0-y", 0.01))
                .tile(new RunManifest.TileRecord("t001_0002", TileOutcome.FAILED, "executor lost 4 times", null, null, 3))
                .timing("read catalogs", Duration.ofMillis(1500))
                .timing("sampling", Duration.ofSeconds(60))
                .timing("read catalogs", Duration.ofMillis(500));
        return b.finish(3, "2 of 3 tiles published");
    }

    @Test
    void recordsTheRunAndIsPublishedLast() throws Exception {
        FaultyFileSystem fs = new FaultyFileSystem();
        RunManifest m = manifest(fs, "run1");
        assertEquals(RunManifest.RunStatus.PARTIAL, m.status());
        assertEquals(Map.of("ok", 1L, "skipped", 1L, "failed", 1L), m.tileCounts());
        assertEquals(List.of("read catalogs", "sampling"), List.copyOf(m.timings().keySet()));
        assertEquals(2.0, m.timings().get("read catalogs"), 1e-12);
        assertEquals(Checksums.sha256(tmp.resolve("cat.csv")), m.inputs().get(0).sha256());
        assertEquals(Checksums.sha256(CanonicalJson.of(Map.of("sampler", Map.of("chains", 8), "map", Map.of("size", 128)))), m.configSha256());

        Path out = new Path(tmp.resolve("out").toUri());
        m.write(fs, out, PublishMode.LOCAL_RENAME);
        List<String> ops = fs.operations();
        assertTrue(ops.get(ops.size() - 1).matches("rename .*/out/\\.manifest\\.json\\.tmp-.* -> .*/out/manifest\\.json"), ops.toString());
        RunManifest back = RunManifest.read(fs, new Path(out, "manifest.json")).orElseThrow();
        assertEquals(m, back);
        assertEquals(m, RunManifest.read(fs, new Path(out, "runs/run1/manifest.json")).orElseThrow());
        String json = Files.readString(tmp.resolve("out/manifest.json"));
        for (String s : new String[] {"\"status\" : \"partial\"", "\"status\" : \"ok\"", "\"status\" : \"skipped\"",
                "\"status\" : \"failed\"", "\"tileCounts\" : {", "\"reason\" : \"executor lost 4 times\"",
                "\"run\" : 42", "\"chains\" : 8", "\"started\" : \"2026-11-27T08:52:24Z\""}) {
            assertTrue(json.contains(s), s + " in\n" + json);
        }
        OutputException e = assertThrows(OutputException.class, () -> m.write(fs, out, PublishMode.LOCAL_RENAME));
        assertTrue(e.getMessage().contains("runs/run1/manifest.json"), e.getMessage());
        assertTrue(RunManifest.read(fs, new Path(out, "none.json")).isEmpty());
    }

    @Test
    void aTileWithTooFewGalaxiesIsRecordedAsSkipped() {
        RunManifest m = RunManifest.builder("run4", "0.1.0", Clock.systemUTC())
                .tile(new RunManifest.TileRecord("t001_0003", TileOutcome.TOO_FEW_GALAXIES, "3 galaxies, fewer than job.min-galaxies=50",
                        "c".repeat(64), null, 0))
                .finish(0, "0 tile(s) published, 1 skipped, 0 failed");
        assertEquals(TileOutcome.SKIPPED, m.tiles().get(0).status());
        assertEquals(Map.of("ok", 0L, "skipped", 1L, "failed", 0L), m.tileCounts());
        String json = new String(m.toJson(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(json.contains("\"status\" : \"skipped\""), json);
        assertEquals("too-few-galaxies", TileOutcome.TOO_FEW_GALAXIES.toString());
        assertEquals(TileOutcome.TOO_FEW_GALAXIES, TileOutcome.ofLabel("too-few-galaxies"));
    }

    @Test
    void aFailedPublicationKeepsThePreviousRunManifest() throws Exception {
        FaultyFileSystem fs = new FaultyFileSystem();
        Path out = new Path(tmp.resolve("out").toUri());
        manifest(fs, "run1").write(fs, out, PublishMode.LOCAL_RENAME);
        fs.failRename(1);
        RunManifest second = manifest(fs, "run2");
        assertThrows(OutputException.class, () -> second.write(fs, out, PublishMode.LOCAL_RENAME));
        fs.heal();
        assertEquals("run1", RunManifest.read(fs, new Path(out, "manifest.json")).orElseThrow().runId());
        assertEquals(RunManifest.RunStatus.FAILED, RunManifest.builder("run3", "0.1.0", Clock.systemUTC()).finish(2, "bad catalog").status());
    }
}
