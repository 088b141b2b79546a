package org.massmap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.sampling.PosteriorSampler;

/**
 * Ctrl-C during {@code massmap sample}, in a child JVM sent SIGINT once its chains run: the running
 * tasks are cancelled and stop, the command says it was interrupted (not "internal error" with a
 * stack trace) and exits 130 within seconds, the lock on {@code --out} is released, and neither a
 * tile nor a manifest is published.
 *
 * <p>A process whose SIGINT is ignored never sees Ctrl-C, and one started in the background by a
 * non-interactive shell ({@code mvn verify &} in a script, some CI runners) inherits an ignored
 * SIGINT, as does its child: the test then starts the child through {@code env --default-signal=INT}
 * (GNU coreutils 8.31+), so that it tests massmap and not the way Maven was started. Every wait is
 * bounded and the child is killed at the end, so the test fails instead of hanging.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@org.massmap.testing.SlowTest
class InterruptTest {
    /** Bit of SIGINT (2) in the signal masks of /proc/PID/status. */
    private static final long SIGINT_BIT = 1L << (2 - 1);

    @TempDir
    Path dir;

    /** Whether process {@code pid} ("self" for this JVM) ignores SIGINT; false where /proc is missing. */
    static boolean ignoresSigint(String pid) throws IOException {
        Path status = Path.of("/proc", pid, "status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & SIGINT_BIT) != 0;
            }
        }
        return false;
    }

    /** The command prefix that gives the child SIGINT's default action, if this JVM ignores it. */
    static List<String> defaultSigint() throws Exception {
        if (!ignoresSigint("self")) {
            return List.of();
        }
        List<String> env = List.of("env", "--default-signal=INT");
        List<String> probe = new ArrayList<>(env);
        probe.add("true");
        Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
        boolean works = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        Assumptions.assumeTrue(works, "this JVM ignores SIGINT (started in the background by a non-interactive shell?) and"
                + " 'env --default-signal' (GNU coreutils 8.31+) is not available to restore it for the child; run the test"
                + " from a foreground shell");
        return env;
    }

    @Test
    void ctrlCDuringSamplingStopsTheChainsAndIsReportedAsAnInterruption() throws Exception {
        Path catalog = dir.resolve("cat.fits");
        CommandLineErrorsTest.writeCatalog(catalog, 4000, false, "e1");
        Path out = dir.resolve("out");
        List<String> cmd = new ArrayList<>(defaultSigint());
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions") || a.startsWith("-Djdk.reflect")) {
                cmd.add(a);
            }
        }
        cmd.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "sample",
                "--catalog", catalog.toString(), "--out", out.toString(), "--prior", "gaussian", "--chains", "2",
                "--master", "local[1]", "--spark-conf", "spark.ui.enabled=false", "--set", "map.size=32", "--set", "map.pixel-arcmin=1",
                "--set", "sampler.levels=100000"));
        Process p = new ProcessBuilder(cmd).start();
        try {
            Path err = dir.resolve("stderr.txt");
            Thread drainErr = new Thread(() -> {
                try {
                    Files.copy(p.getErrorStream(), err);
                } catch (IOException e) {
                    // the test reads what arrived
                }
            });
            drainErr.start();
            StringBuffer stdout = new StringBuffer();
            CountDownLatch sampling = new CountDownLatch(1);
            Thread drainOut = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        stdout.append(line).append('\n');
                        if (line.contains("to sample")) { // planning is done: the chain tasks start
                            sampling.countDown();
                        }
                    }
                } catch (IOException e) {
                    // the test reads what arrived
                }
            });
            drainOut.start();
            assertTrue(sampling.await(150, TimeUnit.SECONDS), "sampling did not start: " + stdout + read(err));
            assertTrue(awaitChainThreads(p, 120), "no chain thread started: " + stdout + read(err));
            Thread.sleep(1000); // well into the annealing of 100000 levels
            assertTrue(p.isAlive(), "the run ended by itself: " + stdout + read(err));
            assertFalse(ignoresSigint(Long.toString(p.pid())), "the child ignores SIGINT, so Ctrl-C cannot reach it");

            long t0 = System.nanoTime();
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the command did not stop within 60 s of Ctrl-C: " + stdout + read(err));
            double seconds = (System.nanoTime() - t0) * 1e-9;
            drainOut.join(10_000);
            drainErr.join(10_000);
            String stderr = read(err);
            String all = stdout + stderr + "(" + String.format("%.1f", seconds) + " s after SIGINT)";

            assertEquals(130, p.exitValue(), all); // 128 + SIGINT, as shells report it
            assertTrue(stderr.contains("sample: interrupted"), all);
            assertFalse(stderr.contains("internal error"), all);
            // the chain tasks were killed and their chains stopped before Spark stopped the context
            assertTrue(stdout.toString().contains("interrupted: Spark jobs cancelled, chains stopped in"), all);
            assertTrue(seconds < 30, all);

            assertFalse(Files.exists(out.resolve("manifest.json")), "no manifest: " + all);
            if (Files.isDirectory(out.resolve("tiles"))) {
                try (Stream<Path> s = Files.walk(out.resolve("tiles"))) {
                    assertEquals(List.of(), s.filter(f -> f.getFileName().toString().equals("current.json")).toList(), "no tile published");
                }
            }
            Path lock = out.resolve(".massmap.lock");
            if (Files.exists(lock)) {
                try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE); FileLock l = ch.tryLock()) {
                    assertNotNull(l, "the output lock is released");
                }
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /**
     * Waits until the child runs a sampler thread (Linux: the thread names in /proc/PID/task/N/comm);
     * where /proc is missing, waits 5 s instead. Returns false if none started in time.
     */
    static boolean awaitChainThreads(Process p, int seconds) throws Exception {
        Path tasks = Path.of("/proc", Long.toString(p.pid()), "task");
        if (!Files.isDirectory(tasks)) {
            Thread.sleep(5000);
            return true;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline && p.isAlive()) {
            try (Stream<Path> threads = Files.list(tasks)) {
                for (Path t : threads.toList()) {
                    try {
                        if (Files.readString(t.resolve("comm")).trim().equals(PosteriorSampler.THREAD_NAME)) {
                            return true;
                        }
                    } catch (IOException e) {
                        // the thread ended meanwhile
                    }
                }
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
