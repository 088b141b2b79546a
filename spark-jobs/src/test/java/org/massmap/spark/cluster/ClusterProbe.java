package org.massmap.spark.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationStart;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.storage.RDDInfo;

/**
 * A listener on the test's driver (registered with {@code spark.extraListeners}) that records which
 * executor JVMs ran the job's tasks and, when armed, kills with SIGKILL the executor that starts
 * the first posterior-sampling task. The sampling stage is the one that reads the job's only
 * {@code partitionBy} (chain tasks placed by tile index and chain group). The last instance Spark
 * made is {@link #last()}: test code, one application at a time.
 */
public final class ClusterProbe extends SparkListener {
    private static volatile boolean killArmed;
    private static volatile ClusterProbe last;

    private volatile String appId = "";
    /** Executor id → pid of its JVM, and of that JVM's parent (looked up when it registered). */
    final Map<String, Long> executorPids = new ConcurrentHashMap<>();
    final Map<String, Long> executorParents = new ConcurrentHashMap<>();
    final Set<String> removedExecutors = ConcurrentHashMap.newKeySet();
    /** Executors that finished at least one task successfully. */
    final Set<String> executorsWithTasks = ConcurrentHashMap.newKeySet();
    final Set<Integer> samplingStages = ConcurrentHashMap.newKeySet();
    final AtomicInteger samplingPartitions = new AtomicInteger();
    /** Task ends of the sampling stage, successful or not, over all its attempts. */
    final AtomicInteger samplingTaskEnds = new AtomicInteger();
    final List<String> failedTasks = new CopyOnWriteArrayList<>();
    volatile long killedPid = -1;
    volatile String killedExecutor;

    public ClusterProbe() {
        last = this;
    }

    /** Kill the executor of the first sampling task of the next application (once). */
    static void armKill(boolean armed) {
        killArmed = armed;
    }

    static ClusterProbe last() {
        return last;
    }

    @Override
    public void onApplicationStart(SparkListenerApplicationStart e) {
        appId = e.appId().isDefined() ? e.appId().get() : "";
    }

    @Override
    public void onExecutorAdded(SparkListenerExecutorAdded e) {
        executorProcess(e.executorId()).ifPresent(p -> {
            executorPids.put(e.executorId(), p.pid());
            p.parent().ifPresent(parent -> executorParents.put(e.executorId(), parent.pid()));
        });
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved e) {
        removedExecutors.add(e.executorId());
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted e) {
        scala.collection.Iterator<RDDInfo> rdds = e.stageInfo().rddInfos().iterator();
        while (rdds.hasNext()) {
            if (rdds.next().callSite().startsWith("partitionBy at SamplingStage")) {
                if (samplingStages.add(e.stageInfo().stageId())) {
                    samplingPartitions.set(e.stageInfo().numTasks());
                }
                return;
            }
        }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart e) {
        if (killArmed && killedPid < 0 && samplingStages.contains(e.stageId())) {
            killArmed = false;
            String id = e.taskInfo().executorId();
            Optional<ProcessHandle> p = executorProcess(id);
            if (p.isPresent()) {
                killedExecutor = id;
                killedPid = p.get().pid();
                p.get().destroyForcibly(); // SIGKILL, as kill -9
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
        if (samplingStages.contains(e.stageId())) {
            samplingTaskEnds.incrementAndGet();
        }
        if (e.reason() == Success$.MODULE$) {
            executorsWithTasks.add(e.taskInfo().executorId());
        } else {
            failedTasks.add("stage " + e.stageId() + " task " + e.taskInfo().index() + " on executor " + e.taskInfo().executorId()
                    + ": " + e.reason());
        }
    }

    /** The JVM of executor {@code id} of this application, found by its command line. */
    Optional<ProcessHandle> executorProcess(String id) {
        return ProcessHandle.allProcesses().filter(p -> {
            String cmd = commandLine(p.pid());
            return cmd.contains("CoarseGrainedExecutorBackend") && cmd.contains(" --executor-id " + id + " ")
                    && cmd.contains(" --app-id " + appId + " ");
        }).findFirst();
    }

    /**
     * The full command line of a process, from /proc (Linux): {@code ProcessHandle.Info.arguments()}
     * came back empty for other processes' JVMs here (JDK 17).
     */
    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException gone) {
            return ""; // the process exited, or is not ours to read
        }
    }
}
