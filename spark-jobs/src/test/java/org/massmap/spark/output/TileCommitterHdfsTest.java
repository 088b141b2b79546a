package org.massmap.spark.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit protocol on an in-process HDFS: manifests replaced by rename with OVERWRITE. */
@org.massmap.testing.SlowTest
class TileCommitterHdfsTest {

    @TempDir
    static java.nio.file.Path base;
    private static MiniDFSCluster cluster;
    private static Configuration conf;

    @BeforeAll
    static void startHdfs() throws Exception {
        conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("hdfs").toString());
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    private static String read(TileCommitter c, String tile, String name) throws Exception {
        try (InputStream in = c.open(tile, name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void publishesAndSwitchesOnHdfs() throws Exception {
        FileSystem fs = cluster.getFileSystem();
        Path out = new Path(fs.getUri().toString() + "/survey/out");
        assertEquals("hdfs", out.toUri().getScheme());
        assertEquals(PublishMode.ATOMIC_RENAME, PublishMode.forFileSystem(fs));
        TileFingerprint first = TileCommitterTest.fingerprint('a');
        TileFingerprint second = TileCommitterTest.fingerprint('b');

        TileCommitter c1 = TileCommitter.open(out, conf, "run1");
        TileAttempt a1 = c1.begin("t000_0000");
        a1.write("kappa_mean.fits", "first".getBytes(StandardCharsets.UTF_8));
        c1.publish(a1, first, Map.of());
        assertTrue(c1.isUpToDate("t000_0000", first));

        TileCommitter c2 = TileCommitter.open(out, conf, "run2");
        TileAttempt broken = c2.begin("t000_0000");
        broken.write("kappa_mean.fits", "half".getBytes(StandardCharsets.UTF_8)); // a run that dies before publishing
        assertEquals("first", read(c2, "t000_0000", "kappa_mean.fits"));

        TileAttempt a2 = c2.begin("t000_0000");
        a2.write("kappa_mean.fits", "second".getBytes(StandardCharsets.UTF_8));
        TileCommitter.Publication p = c2.publish(a2, second, Map.of()); // current.json replaced by rename with OVERWRITE
        assertEquals("second", read(c2, "t000_0000", "kappa_mean.fits"));
        c2.verify("t000_0000");
        assertFalse(c2.isUpToDate("t000_0000", first));
        assertTrue(p.deleted().isEmpty(), p.deleted().toString());
        TileCommitter.Publication gc = c2.collectGarbage("t000_0000", java.util.Set.of(), true);
        assertTrue(gc.deleted().stream().anyMatch(d -> d.endsWith(a1.name())), gc.deleted().toString());
        assertTrue(fs.exists(broken.dir()), "the run's own young attempt survives the grace period");
        assertEquals(3, fs.listStatus(c2.tileDirectory("t000_0000")).length);
        assertThrows(OutputException.class, () -> c2.open("t000_0000", "missing.fits"));
    }
}
