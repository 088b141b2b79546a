package org.massmap.spark.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.io.Checksums;

class TileCommitterTest {

    private static final String TILE = "t012_0034";
    private static final TileFingerprint OLD = fingerprint('a');
    private static final TileFingerprint NEW = fingerprint('b');

    @TempDir
    java.nio.file.Path tmp;
    private Path out;
    private FaultyFileSystem faulty;

    static TileFingerprint fingerprint(char c) {
        return new TileFingerprint(String.valueOf(c).repeat(64));
    }

    @BeforeEach
    void setUp() throws IOException {
        out = new Path(tmp.toUri());
        faulty = new FaultyFileSystem();
    }

    private TileCommitter committer(FileSystem fs, String runId, PublishMode mode, Duration grace) {
        return new TileCommitter(fs, out, runId, mode, Clock.systemUTC(), grace);
    }

    private TileCommitter committer(String runId) {
        return committer(faulty, runId, PublishMode.LOCAL_RENAME, Duration.ZERO);
    }

    /** Publishes a tile with two files whose content names the run. */
    private static TileCommitter.Publication publish(TileCommitter c, String content, TileFingerprint fp) throws OutputException {
        TileAttempt a = c.begin(TILE);
        a.write("kappa_mean.fits", ("mean of " + content).getBytes(StandardCharsets.UTF_8));
        a.write("samples/chain_0.fits", ("chain of " + content).getBytes(StandardCharsets.UTF_8));
        return c.publish(a, fp, Map.of("galaxies", "42"));
    }

    private String read(TileCommitter c, String name) throws Exception {
        try (InputStream in = c.open(TILE, name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The tile is published, readable, intact and of the given content. */
    private void assertPublished(TileCommitter c, String content, TileFingerprint fp) throws Exception {
        assertEquals("mean of " + content, read(c, "kappa_mean.fits"));
        assertEquals("chain of " + content, read(c, "samples/chain_0.fits"));
        c.verify(TILE);
        assertTrue(c.isUpToDate(TILE, fp));
    }

    private List<String> tileDirectory() throws IOException {
        try (Stream<java.nio.file.Path> s = Files.list(tmp.resolve("tiles").resolve(TILE))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void publishesThroughTheManifestWithSizesAndChecksums() throws Exception {
        TileCommitter c = committer("run1");
        assertTrue(c.current(TILE).isEmpty());
        assertFalse(c.isUpToDate(TILE, OLD));
        TileCommitter.Publication p = publish(c, "run1", OLD);
        TileManifest m = c.current(TILE).orElseThrow();
        assertEquals(p.manifest(), m);
        assertEquals(TileManifest.FORMAT, m.format());
        assertEquals("run1", m.runId());
        assertTrue(m.attempt().startsWith("run1-"), m.attempt());
        assertEquals(List.of("kappa_mean.fits", "samples/chain_0.fits"), m.files().stream().map(TileManifest.FileEntry::name).toList());
        byte[] bytes = "mean of run1".getBytes(StandardCharsets.UTF_8);
        assertEquals(new TileManifest.FileEntry("kappa_mean.fits", bytes.length, Checksums.sha256(bytes)), m.file("kappa_mean.fits").orElseThrow());
        assertEquals("42", m.info().get("galaxies"));
        assertPublished(c, "run1", OLD);
        assertFalse(c.isUpToDate(TILE, NEW), "changed inputs must not look up to date");
        assertEquals(List.of("current.json", m.attempt()), tileDirectory());
        // Files written straight into the attempt directory (not through TileAttempt) are read back and checksummed.
        TileAttempt a = c.begin(TILE);
        Files.writeString(tmp.resolve("tiles").resolve(TILE).resolve(a.name()).resolve("extra.txt"), "by hand");
        TileManifest m2 = c.publish(a, NEW, Map.of()).manifest();
        assertEquals(Checksums.sha256("by hand"), m2.file("extra.txt").orElseThrow().sha256());
    }

    @Test
    void aNewPublicationSwitchesAtOnceAndKeepsTheOldAttemptUntilCollected() throws Exception {
        publish(committer("run1"), "run1", OLD);
        String oldAttempt = committer("run1").current(TILE).orElseThrow().attempt();
        TileCommitter c2 = committer("run2");
        TileCommitter.Publication p = publish(c2, "run2", NEW);
        assertPublished(c2, "run2", NEW);
        assertEquals(List.of(), p.deleted(), "a run manifest may still name the superseded attempt");
        assertEquals(List.of(), p.problems());
        assertEquals(3, tileDirectory().size());
        assertEquals(List.of(), c2.collectGarbage(TILE, java.util.Set.of(oldAttempt), true).deleted(), "kept while named");
        TileCommitter.Publication gc = c2.collectGarbage(TILE, java.util.Set.of(), true);
        assertEquals(1, gc.deleted().size());
        assertTrue(gc.deleted().get(0).endsWith(oldAttempt), gc.deleted().toString());
        assertEquals(List.of("current.json", p.manifest().attempt()), tileDirectory());
        assertFalse(c2.isUpToDate(TILE, OLD));
        // The manifest was the last thing written, by a rename of a complete temporary file.
        List<String> ops = faulty.operations();
        assertTrue(ops.get(ops.size() - 1).matches("rename .*/\\.current\\.json\\.tmp-.* -> .*/current\\.json"), ops.toString());
    }

    @Test
    void touchingFilesChangesNothing() throws Exception {
        TileCommitter c = committer("run1");
        publish(c, "run1", OLD);
        FileTime later = FileTime.from(Instant.now().plus(Duration.ofDays(3)));
        try (Stream<java.nio.file.Path> all = Files.walk(tmp)) {
            for (java.nio.file.Path p : all.toList()) {
                Files.setLastModifiedTime(p, later);
            }
        }
        assertTrue(c.isUpToDate(TILE, OLD));
        assertPublished(c, "run1", OLD);
    }

    @Test
    void aFailureWhileWritingTheAttemptLeavesTheOldTileIntact() throws Exception {
        publish(committer("run1"), "run1", OLD);
        TileCommitter c2 = committer("run2");
        faulty.failCreate(2); // the second file of the new attempt
        assertThrows(OutputException.class, () -> publish(c2, "run2", NEW));
        faulty.heal();
        assertPublished(c2, "run1", OLD);
        assertFalse(c2.isUpToDate(TILE, NEW));
    }

    @Test
    void anAttemptWithAFailedWriteIsNeverPublished() throws Exception {
        publish(committer("run1"), "run1", OLD);
        TileCommitter c2 = committer("run2");
        TileAttempt a = c2.begin(TILE);
        faulty.failWrites("kappa_mean", 5);
        assertThrows(OutputException.class, () -> a.write("kappa_mean.fits", "mean of run2".getBytes(StandardCharsets.UTF_8)));
        faulty.heal();
        a.write("samples/chain_0.fits", "chain of run2".getBytes(StandardCharsets.UTF_8));
        OutputException e = assertThrows(OutputException.class, () -> c2.publish(a, NEW, Map.of()));
        assertTrue(e.getMessage().contains("begin a new attempt"), e.getMessage());
        assertPublished(c2, "run1", OLD);
    }

    @Test
    void aFailedManifestRenameLeavesTheOldTileIntactAndNoTemporaryFile() throws Exception {
        publish(committer("run1"), "run1", OLD);
        TileCommitter c2 = committer(faulty, "run2", PublishMode.LOCAL_RENAME, Duration.ofHours(1));
        faulty.failRename(1);
        OutputException e = assertThrows(OutputException.class, () -> publish(c2, "run2", NEW));
        assertTrue(e.getMessage().contains("current.json") && e.getMessage().contains("unchanged"), e.getMessage());
        faulty.heal();
        assertPublished(c2, "run1", OLD);
        List<String> entries = tileDirectory();
        assertEquals(3, entries.size(), entries.toString()); // old attempt, the failed (orphan) attempt, current.json
        assertTrue(entries.stream().noneMatch(n -> n.contains(".tmp-")), entries.toString());
        // The next run publishes; without the lock the young orphan and the superseded attempt survive the grace period.
        TileCommitter.Publication p = publish(c2, "run2", NEW);
        assertEquals(4, tileDirectory().size());
        assertEquals(List.of(), c2.collectGarbage(TILE).deleted());
        TileCommitter later = new TileCommitter(faulty, out, "run3", PublishMode.LOCAL_RENAME,
                Clock.offset(Clock.systemUTC(), Duration.ofHours(2)), Duration.ofHours(1));
        TileCommitter.Publication gc = later.collectGarbage(TILE);
        assertEquals(2, gc.deleted().size(), gc.toString());
        assertEquals(List.of("current.json", p.manifest().attempt()), tileDirectory());
        assertPublished(c2, "run2", NEW);
    }

    @Test
    void aManifestWriteFailingMidwayLeavesTheOldTileIntact() throws Exception {
        publish(committer("run1"), "run1", OLD);
        TileCommitter c2 = committer("run2");
        faulty.failWrites("current.json", 40); // a partial temporary manifest reaches the disk, then the write fails
        assertThrows(OutputException.class, () -> publish(c2, "run2", NEW));
        faulty.heal();
        assertPublished(c2, "run1", OLD);
        assertTrue(tileDirectory().stream().noneMatch(n -> n.contains(".tmp-")));
    }

    @Test
    void onAnObjectStoreTheManifestIsOnePutAndAFailedUploadChangesNothing() throws Exception {
        ObjectStoreFileSystem store = new ObjectStoreFileSystem();
        TileCommitter c1 = committer(store, "run1", PublishMode.OBJECT_PUT, Duration.ZERO);
        publish(c1, "run1", OLD);
        assertPublished(c1, "run1", OLD);
        store.failUploads("current.json", 50);
        TileCommitter c2 = committer(store, "run2", PublishMode.OBJECT_PUT, Duration.ZERO);
        assertThrows(OutputException.class, () -> publish(c2, "run2", NEW));
        store.heal();
        assertPublished(c2, "run1", OLD);
        publish(c2, "run2", NEW); // rename is refused by this store: publication never renames
        assertPublished(c2, "run2", NEW);
        assertEquals(4, tileDirectory().size()); // the failed attempt and the superseded one stay until collected
    }

    @Test
    void anInterruptedRunLeavesTheOldTileAndItsOrphanIsCollected() throws Exception {
        publish(committer("run1"), "run1", OLD);
        TileCommitter crashed = committer("run2");
        TileAttempt a = crashed.begin(TILE);
        a.write("kappa_mean.fits", "half a result".getBytes(StandardCharsets.UTF_8)); // ... then the executor dies
        assertPublished(crashed, "run1", OLD);
        assertEquals(3, tileDirectory().size());
        TileCommitter.Publication gc = committer("run3").collectGarbage(TILE);
        assertEquals(1, gc.deleted().size());
        assertTrue(gc.deleted().get(0).endsWith(a.name()));
        assertPublished(crashed, "run1", OLD);
    }

    @Test
    void missingOrDamagedFilesAreNotUpToDate() throws Exception {
        TileCommitter c = committer("run1");
        TileManifest m = publish(c, "run1", OLD).manifest();
        java.nio.file.Path mean = tmp.resolve("tiles").resolve(TILE).resolve(m.attempt()).resolve("kappa_mean.fits");
        Files.writeString(mean, "mean of run9"); // same size, other content
        assertTrue(c.isUpToDate(TILE, OLD), "sizes match: only verify() reads the content");
        OutputException e = assertThrows(OutputException.class, () -> c.verify(TILE));
        assertTrue(e.getMessage().contains("kappa_mean.fits") && e.getMessage().contains("Rerun"), e.getMessage());
        Files.delete(mean);
        assertFalse(c.isUpToDate(TILE, OLD));
    }

    @Test
    void aDamagedManifestIsReportedAndReplacedByTheNextPublication() throws Exception {
        TileCommitter c = committer("run1");
        publish(c, "run1", OLD);
        java.nio.file.Path manifest = tmp.resolve("tiles").resolve(TILE).resolve("current.json");
        Files.writeString(manifest, "{\"format\": \"massmap-tile-manif");
        OutputException e = assertThrows(OutputException.class, () -> c.isUpToDate(TILE, OLD));
        assertTrue(e.getMessage().contains("current.json") && e.getMessage().contains("not a valid tile manifest"), e.getMessage());
        TileCommitter.Publication p = publish(committer("run2"), "run2", NEW);
        assertEquals(1, p.problems().size(), p.problems().toString());
        assertPublished(c, "run2", NEW);
    }

    @Test
    void theChecksummedLocalFileSystemIsUsedThroughItsRawFileSystem() throws Exception {
        FileSystem local = FileSystem.getLocal(new Configuration());
        assertEquals(PublishMode.LOCAL_RENAME, PublishMode.forFileSystem(local));
        TileCommitter c = TileCommitter.open(out, new Configuration(), "run1");
        publish(c, "run1", OLD);
        publish(TileCommitter.open(out, new Configuration(), "run2"), "run2", NEW);
        assertPublished(c, "run2", NEW);
        try (Stream<java.nio.file.Path> all = Files.walk(tmp)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().endsWith(".crc")), "no checksum side files");
        }
    }

    @Test
    void namesAreChecked() {
        TileCommitter c = committer("run1");
        assertThrows(IllegalArgumentException.class, () -> c.begin("../etc"));
        assertThrows(IllegalArgumentException.class, () -> committer("run/1"));
        assertThrows(IllegalArgumentException.class, () -> c.begin(TILE).write("../x.fits", new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> c.begin(TILE).write(".hidden", new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> PublishMode.forFileSystem(new org.apache.hadoop.fs.FilterFileSystem(
                new org.apache.hadoop.fs.RawLocalFileSystem()) {
            @Override
            public java.net.URI getUri() {
                return java.net.URI.create("ftp://host/");
            }
        }));
        Instant t = Instant.parse("2026-11-27T08:52:24.123Z");
        assertEquals(t, TileCommitter.creationTime("run1-" + ManifestStore.timeOrderedUuid(t)).orElseThrow());
        assertTrue(TileCommitter.creationTime("run1-" + java.util.UUID.randomUUID()).isEmpty()); // not version 7
    }

    @Test
    void emptyAttemptsAreNotPublished() throws Exception {
        TileCommitter c = committer("run1");
        TileAttempt a = c.begin(TILE);
        OutputException e = assertThrows(OutputException.class, () -> c.publish(a, OLD, Map.of()));
        assertTrue(e.getMessage().contains("no files"), e.getMessage());
        assertTrue(c.current(TILE).isEmpty());
        assertEquals(List.of(a.name()), tileDirectory());
    }
}
