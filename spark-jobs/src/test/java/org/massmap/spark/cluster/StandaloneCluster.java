package org.massmap.spark.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on 127.0.0.1: a Master and Workers, each a JVM started here from this
 * JVM's class path, as deploy/local-cluster does from a SPARK_HOME of Maven-resolved jars. Workers
 * launch executors in JVMs of their own, with the same class path given as
 * {@code spark.executor.extraClassPath} (absolute paths) and an empty SPARK_HOME/jars. Ports are
 * chosen free; {@link #close()} stops the Workers (and their executors) and the Master.
 */
final class StandaloneCluster implements AutoCloseable {
    /** The --add-opens list Spark 3.5 passes to its JVMs on Java 17 (docs/building.md). */
    static final List<String> JAVA17 = java17();
    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

    private final Path dir;
    private final Process master;
    private final List<Process> workers = new ArrayList<>();
    private final int workerCount;
    final String masterUrl;
    private final int uiPort;

    private StandaloneCluster(Path dir, Process master, String masterUrl, int uiPort, int workerCount) {
        this.dir = dir;
        this.master = master;
        this.masterUrl = masterUrl;
        this.uiPort = uiPort;
        this.workerCount = workerCount;
    }

    /**
     * Starts a Master and {@code workers} Workers of 1 core and 1 GiB each, and waits until all are
     * registered.
     *
     * @param workerProperties extra system properties of the Workers (e.g. GPU resources)
     * @param workerEnv        extra environment of the Workers and hence of their executors
     */
    static StandaloneCluster start(Path dir, int workers, Map<String, String> workerProperties, Map<String, String> workerEnv)
            throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("spark-home/jars"));
        Files.createDirectories(dir.resolve("logs"));
        int port = freePort();
        int ui = freePort();
        String url = "spark://127.0.0.1:" + port;
        Process m = launch(dir, "master", List.of(), Map.of(), "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(ui));
        StandaloneCluster c = new StandaloneCluster(dir, m, url, ui, workers);
        try {
            List<String> props = new ArrayList<>();
            workerProperties.forEach((k, v) -> props.add("-D" + k + "=" + v));
            for (int i = 1; i <= workers; i++) {
                c.workers.add(launch(dir, "worker-" + i, props, workerEnv, "org.apache.spark.deploy.worker.Worker",
                        "--host", "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", "1", "--memory", "1g",
                        "--work-dir", dir.resolve("work-" + i).toString(), url));
            }
            c.awaitWorkers(Duration.ofSeconds(90));
            return c;
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Spark properties of a driver (this JVM, client mode) running on this cluster. */
    Map<String, String> driverConf() {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.driver.host", "127.0.0.1");
        conf.put("spark.driver.bindAddress", "127.0.0.1");
        conf.put("spark.ui.enabled", "false");
        conf.put("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        conf.put("spark.executor.memory", "512m");
        conf.put("spark.executorEnv.OMP_NUM_THREADS", "1");
        conf.put("spark.locality.wait", "0s");
        // start only when every Worker's executor has registered, so that both run tasks
        conf.put("spark.cores.max", Integer.toString(workerCount));
        conf.put("spark.scheduler.minRegisteredResourcesRatio", "1.0");
        conf.put("spark.scheduler.maxRegisteredResourcesWaitingTime", "60s");
        return conf;
    }

    /** The Worker JVMs' pids. */
    List<Long> workerPids() {
        return workers.stream().map(Process::pid).toList();
    }

    @Override
    public void close() {
        for (Process w : workers) {
            w.descendants().forEach(ProcessHandle::destroy); // executors still running
            stop(w);
        }
        stop(master);
    }

    private static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    private void awaitWorkers(Duration timeout) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < end) {
            if (!master.isAlive()) {
                break;
            }
            try (InputStream in = URI.create("http://127.0.0.1:" + uiPort + "/json/").toURL().openStream()) {
                last = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Matcher m = ALIVE_WORKERS.matcher(last);
                if (m.find() && Integer.parseInt(m.group(1)) == workerCount) {
                    return;
                }
            } catch (IOException notYet) {
                last = notYet.toString(); // the Master's UI is not up yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the standalone cluster did not come up within " + timeout.toSeconds() + " s; master says "
                + last + "\n" + logTails());
    }

    /** The last lines of every daemon's log, for failure messages. */
    String logTails() throws IOException {
        StringBuilder sb = new StringBuilder();
        try (var logs = Files.list(dir.resolve("logs"))) {
            for (Path log : logs.sorted().toList()) {
                List<String> lines = Files.readAllLines(log);
                sb.append("--- ").append(log.getFileName()).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()))).append('\n');
            }
        }
        return sb.toString();
    }

    private static Process launch(Path dir, String name, List<String> props, Map<String, String> env, String mainClass, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.addAll(JAVA17);
        cmd.addAll(props);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("logs/" + name + ".log").toFile());
        pb.environment().put("SPARK_HOME", dir.resolve("spark-home").toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.12"); // else executors die: "Cannot find any build directories"
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().putAll(env);
        return pb.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static List<String> java17() {
        List<String> o = new ArrayList<>(List.of("-XX:+IgnoreUnrecognizedVMOptions", "-Djdk.reflect.useDirectMethodHandle=false"));
        for (String p : List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio", "java.util",
                "java.util.concurrent", "java.util.concurrent.atomic", "jdk.internal.ref", "sun.nio.ch", "sun.nio.cs",
                "sun.security.action", "sun.util.calendar")) {
            o.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
        }
        return List.copyOf(o);
    }
}
