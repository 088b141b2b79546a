package org.massmap.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.spark.output.OutputException;
import org.massmap.spark.output.OutputLock;

/**
 * {@code massmap sample} on Spark local[2] with its catalog and its output on an in-process HDFS
 * (MiniDFSCluster: a name node and a data node, 1 MB blocks so that the 4 MB catalog spans four):
 * every tile and the mosaic are published there, and a second run finds every tile up to date.
 * About 12 s.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@org.massmap.testing.SlowTest
class HdfsJobTest {
    @TempDir
    static java.nio.file.Path dir;
    static MiniDFSCluster hdfs;
    static FileSystem fs;
    static String catalogUri;
    /**
     * Closing a file waits until the name node knows its last block, retrying after 400 ms by default;
     * the job closes ~25 files per tile, and the test would spend 20 s of its 25 waiting. Set for the
     * file system the test opens (which the job's tasks share, through Hadoop's cache) and the job's.
     */
    static final String CLOSE_RETRY_DELAY = "dfs.client.block.write.locateFollowingBlock.initial.delay.ms";

    @BeforeAll
    static void startHdfs() throws Exception {
        java.nio.file.Path local = TinySurvey.simulate(dir.resolve("survey"), 30);
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
        conf.setLong("dfs.blocksize", 1 << 20);
        conf.setInt(CLOSE_RETRY_DELAY, 20);
        hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitActive();
        fs = hdfs.getFileSystem();
        Path target = new Path(hdfs.getURI() + "/surveys/tiny/catalog.fits");
        try (OutputStream out = fs.create(target)) {
            Files.copy(local, out);
        }
        catalogUri = fs.makeQualified(target).toString();
        assertTrue(fs.getFileBlockLocations(fs.getFileStatus(target), 0, Long.MAX_VALUE).length >= 4, "catalog in several blocks");
    }

    @AfterAll
    static void stopHdfs() {
        if (hdfs != null) {
            hdfs.shutdown();
        }
    }

    @Test
    void sampleReadsAndPublishesOnHdfsAndSkipsUnchangedTilesOnRerun() throws Exception {
        String out = hdfs.getURI() + "/maps/tiny";
        List<String> args = TinySurvey.sample(catalogUri, out, 4, 32, 2.0, "--master", "local[2]",
                "--spark-conf", "spark.ui.enabled=false", "--spark-conf", "spark.hadoop." + CLOSE_RETRY_DELAY + "=20");
        TinySurvey.Run first = TinySurvey.massmap(args);
        assertEquals(0, first.exit(), first.output());

        ObjectMapper json = new ObjectMapper();
        JsonNode manifest = read(json, new Path(out, "manifest.json"));
        assertEquals(0, manifest.path("exitCode").asInt(-1), manifest.toPrettyString());
        assertEquals(catalogUri, manifest.path("inputs").path(0).path("path").asText(), "the input, on HDFS");
        Map<String, String> attempts = attempts(json, new Path(out, "tiles"));
        int ok = 0;
        for (JsonNode tile : manifest.get("tiles")) {
            ok += tile.path("status").asText().equals("ok") ? 1 : 0;
        }
        assertTrue(ok >= 4, ok + " tiles published");
        assertEquals(ok + 1, attempts.size(), "every published tile and the mosaic: " + attempts);
        for (Map.Entry<String, String> a : attempts.entrySet()) {
            Path attempt = new Path(new Path(out, "tiles/" + a.getKey()), a.getValue());
            if (a.getKey().equals("mosaic")) {
                assertTrue(fs.exists(new Path(attempt, "mosaic.fits")));
                continue;
            }
            byte[] samples;
            try (InputStream in = fs.open(new Path(attempt, "samples.fits"))) {
                samples = in.readAllBytes();
            }
            assertArrayEquals(new long[] {32, 32, 4}, PublishedOutputs.primaryShape(samples), a.getKey());
        }

        TinySurvey.Run second = TinySurvey.massmap(args);
        assertEquals(0, second.exit(), second.output());
        assertTrue(second.output().contains("0 to sample"), second.output());
        assertTrue(second.output().contains("mosaic up to date"), second.output());
        assertEquals(attempts, attempts(json, new Path(out, "tiles")), "the rerun published nothing new");
    }

    @Test
    void theOutputLockIsExclusiveOnHdfsAndReleased() throws Exception {
        Path out = new Path(hdfs.getURI() + "/maps/lock-unit");
        try (OutputLock first = OutputLock.acquire(fs, out, "first")) {
            assertTrue(first.held());
            OutputException e = assertThrows(OutputException.class, () -> OutputLock.acquire(fs, out, "second"));
            assertTrue(e.getMessage().contains("run first") && e.getMessage().contains("is writing to this output"), e.getMessage());
        }
        assertFalse(fs.exists(new Path(out, OutputLock.NAME)), "released: the lock file is gone");
        OutputLock.acquire(fs, out, "third").close();
    }

    @Test
    void sampleIsRefusedWhileAnotherRunHoldsTheOutputOnHdfs() throws Exception {
        String out = hdfs.getURI() + "/maps/locked";
        try (OutputStream lock = fs.create(new Path(out, ".massmap.lock"), false)) { // what a running (or killed) run leaves
            lock.write("run other, started 2026-01-01T00:00:00Z on nodeX, pid 1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        TinySurvey.Run r = TinySurvey.massmap(TinySurvey.sample(catalogUri, out, 2, 32, 2.0, "--master", "local[2]",
                "--spark-conf", "spark.ui.enabled=false"));
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("run other") && r.output().contains("is writing to this output")
                && r.output().contains("delete " + out + "/.massmap.lock"), r.output());
        assertFalse(fs.exists(new Path(out, "tiles")), "nothing was written");
    }

    private static JsonNode read(ObjectMapper json, Path file) throws Exception {
        try (InputStream in = fs.open(file)) {
            return json.readTree(in);
        }
    }

    /** Tile → attempt directory named by its current.json. */
    private static Map<String, String> attempts(ObjectMapper json, Path tiles) throws Exception {
        Map<String, String> result = new TreeMap<>();
        List<FileStatus> dirs = new ArrayList<>(List.of(fs.listStatus(tiles)));
        for (FileStatus d : dirs) {
            Path current = new Path(d.getPath(), "current.json");
            if (fs.exists(current)) {
                result.put(d.getPath().getName(), read(json, current).get("attempt").asText());
            }
        }
        return result;
    }
}
