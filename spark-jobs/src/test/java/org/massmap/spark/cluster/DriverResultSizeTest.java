package org.massmap.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.spark.runtime.SparkSessions;

/**
 * No JVM gathers the catalog or the samples on the driver: the whole job runs with
 * {@code spark.driver.maxResultSize=1m}, while the catalog is 8 MB and the samples of the run
 * (4-6 tiles × 48 chains × 64² doubles) 6-9 MB. A control shows that the limit is enforced: a 2 MB
 * collect fails under the same setting. About 15 s.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@org.massmap.testing.SlowTest
class DriverResultSizeTest {
    static final String LIMIT = "1m";
    @TempDir
    Path dir;

    @Test
    void collectingTwoMegabytesFailsUnderTheLimit() {
        try (JavaSparkContext jsc = SparkSessions.create("control", "local[2]",
                Map.of("spark.driver.maxResultSize", LIMIT, "spark.ui.enabled", "false"))) {
            SparkException e = assertThrows(SparkException.class,
                    () -> jsc.parallelize(List.of(0, 1, 2, 3), 4).map(i -> new double[65_536]).collect()); // 4 × 512 KB
            assertTrue(e.getMessage().contains("spark.driver.maxResultSize"), e.getMessage());
        }
    }

    @Test
    void sampleNeverCollectsCatalogOrSamples() throws Exception {
        Path catalog = TinySurvey.simulate(dir.resolve("survey"), 60);
        long catalogBytes = Files.size(catalog);
        assertTrue(catalogBytes > 7_000_000, "catalog of " + catalogBytes + " bytes");
        Path out = dir.resolve("out");
        TinySurvey.Run run = TinySurvey.massmap(TinySurvey.sample(catalog.toString(), out.toString(), 48, 64, 1.0,
                "--master", "local[2]", "--spark-conf", "spark.driver.maxResultSize=" + LIMIT, "--spark-conf", "spark.ui.enabled=false"));
        assertEquals(0, run.exit(), run.output());
        Map<String, Path> attempts = PublishedOutputs.attempts(out);
        long samples = 0;
        for (Map.Entry<String, Path> a : attempts.entrySet()) {
            if (!a.getKey().equals("mosaic")) {
                long[] shape = PublishedOutputs.primaryShape(Files.readAllBytes(a.getValue().resolve("samples.fits")));
                samples += shape[0] * shape[1] * shape[2] * Double.BYTES; // as the executors hold them
            }
        }
        assertTrue(samples > 6_000_000, "samples of " + samples + " bytes");
    }
}
