package org.massmap.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.spark.runtime.SparkSessions;
import org.massmap.spark.runtime.TaskGpus;

/**
 * {@code massmap sample} on a real standalone cluster: a Master and two Workers in JVMs of their
 * own, executors in further JVMs, the driver in this JVM. The same job, with one executor killed
 * by SIGKILL as it starts sampling, must publish the same data bit for bit. The Workers also
 * offer two fake GPUs found by deploy/gpu/discover-gpus.sh, and tasks that ask for one see it.
 * About 45 s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@org.massmap.testing.SlowTest
class StandaloneClusterJobTest {
    @TempDir
    static Path dir;
    static StandaloneCluster cluster;
    static Path catalog;
    /** The undisturbed run's output, once made. */
    static Path reference;

    @BeforeAll
    static void startCluster() throws Exception {
        catalog = TinySurvey.simulate(dir.resolve("survey"), 30);
        Path fakeBin = Files.createDirectories(dir.resolve("fake-bin"));
        Path smi = fakeBin.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\nprintf '0\\n1\\n'\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path discover = repository().resolve("deploy/gpu/discover-gpus.sh");
        cluster = StandaloneCluster.start(dir.resolve("cluster"), 2,
                Map.of("spark.worker.resource.gpu.amount", "2", "spark.worker.resource.gpu.discoveryScript", discover.toString()),
                Map.of("PATH", fakeBin + ":" + System.getenv("PATH")));
    }

    @AfterAll
    static void stopCluster() {
        ClusterProbe.armKill(false);
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void sampleRunsOnExecutorsInTheWorkersJvms() throws Exception {
        reference = dir.resolve("out-undisturbed");
        ClusterProbe probe = runSample(reference, false);
        assertTrue(probe.failedTasks.isEmpty(), "failed tasks: " + probe.failedTasks);
        assertEquals(2, probe.executorsWithTasks.size(), "executors that ran tasks: " + probe.executorsWithTasks);
        Set<Long> pids = new HashSet<>();
        for (String id : probe.executorsWithTasks) {
            Long pid = probe.executorPids.get(id);
            assertNotNull(pid, "no JVM found for executor " + id);
            pids.add(pid);
            assertTrue(cluster.workerPids().contains(probe.executorParents.get(id)),
                    "executor " + id + " (pid " + pid + ") is not a child of a Worker " + cluster.workerPids());
        }
        assertEquals(2, pids.size(), "two executor JVMs");
        assertFalse(pids.contains(ProcessHandle.current().pid()));
        assertEquals(new HashSet<>(cluster.workerPids()), new HashSet<>(probe.executorParents.values()), "one executor per Worker");
        Map<String, Path> attempts = PublishedOutputs.attempts(reference);
        for (Path attempt : attempts.values()) {
            assertTrue(Files.exists(attempt.resolve(attempt.getParent().endsWith("mosaic") ? "mosaic.fits" : "samples.fits")),
                    attempt.toString());
        }
        int ok = 0;
        for (var tile : new ObjectMapper().readTree(reference.resolve("manifest.json").toFile()).get("tiles")) {
            ok += tile.path("status").asText().equals("ok") ? 1 : 0;
        }
        assertTrue(ok >= 4, ok + " tiles published");
        assertEquals(ok + 1, attempts.size(), "every published tile and the mosaic: " + attempts.keySet());
    }

    @Test
    @Order(2)
    void executorKilledWhileSamplingChangesNoBit() throws Exception {
        if (reference == null) {
            sampleRunsOnExecutorsInTheWorkersJvms();
        }
        Path out = dir.resolve("out-killed");
        ClusterProbe probe = runSample(out, true);
        assertTrue(probe.killedPid > 0, "no executor was killed; sampling stages seen: " + probe.samplingStages);
        assertFalse(ProcessHandle.of(probe.killedPid).map(ProcessHandle::isAlive).orElse(false));
        assertTrue(probe.removedExecutors.contains(probe.killedExecutor), "the driver never lost executor " + probe.killedExecutor);
        assertTrue(probe.samplingTaskEnds.get() > probe.samplingPartitions.get(), "sampling work was not redone: "
                + probe.samplingTaskEnds + " task ends for " + probe.samplingPartitions + " partitions");
        System.out.printf("killed executor %s (pid %d) as it started sampling; %d sampling task ends for %d partitions;"
                + " failed tasks: %s%n", probe.killedExecutor, probe.killedPid, probe.samplingTaskEnds.get(),
                probe.samplingPartitions.get(), probe.failedTasks);
        PublishedOutputs.assertSameData(reference, out);
    }

    @Test
    @Order(3)
    void tasksSeeTheGpuSparkAssignedThem() throws Exception {
        Map<String, String> conf = new java.util.LinkedHashMap<>(cluster.driverConf());
        conf.put("spark.executor.resource.gpu.amount", "1");
        conf.put("spark.task.resource.gpu.amount", "1");
        List<String> seen;
        try (JavaSparkContext jsc = SparkSessions.create("gpu probe", cluster.masterUrl, conf)) {
            seen = jsc.parallelize(List.of(0, 1, 2, 3), 4)
                    .map(i -> TaskGpus.cudaVisibleDevices() + "|" + TaskGpus.device().orElse(-1)).collect();
        }
        assertEquals(4, seen.size());
        for (String s : seen) {
            assertTrue(s.equals("0|0") || s.equals("1|1"), "a task saw " + s);
        }
        assertEquals("", TaskGpus.cudaVisibleDevices(), "the driver, outside any task, has no GPU");
    }

    private static ClusterProbe runSample(Path out, boolean killAnExecutor) throws Exception {
        List<String> args = new ArrayList<>(TinySurvey.sample(catalog.toString(), out.toString(), 4, 32, 2.0,
                "--master", cluster.masterUrl, "--spark-conf", "spark.extraListeners=" + ClusterProbe.class.getName()));
        cluster.driverConf().forEach((k, v) -> args.addAll(List.of("--spark-conf", k + "=" + v)));
        ClusterProbe.armKill(killAnExecutor);
        TinySurvey.Run run = TinySurvey.massmap(args);
        ClusterProbe.armKill(false);
        assertEquals(0, run.exit(), () -> run.output() + "\n" + tails());
        return ClusterProbe.last();
    }

    private static String tails() {
        try {
            return cluster.logTails();
        } catch (java.io.IOException e) {
            return "(no logs: " + e + ")";
        }
    }

    /** The repository root: the parent of the spark-jobs module that Maven runs the tests in. */
    static Path repository() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        return module.getParent();
    }
}
