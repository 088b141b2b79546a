package org.massmap.spark.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.massmap.model.Nd4jRuntime;
import org.massmap.model.ScoreModel;
import org.massmap.training.LossPoint;
import org.massmap.training.Seeds;
import org.massmap.training.Trainer;
import org.massmap.training.TrainingSetup;
import org.massmap.training.TrainingState;

/**
 * Synchronous data-parallel DSM training on Spark by state averaging. Per round:
 * <ol>
 *   <li>the driver broadcasts the whole state (float32): parameters, BN running statistics, Adam
 *       moments and the step count — 4·(3·P + S) bytes for P parameters and S BN statistics;</li>
 *   <li>each of the N partitions sets its executor's one {@link Trainer} to that state and trains k
 *       minibatches on its own simulations, drawn from {@code Seeds.derive(seed, round, partition)}
 *       (a retried task repeats its draws exactly);</li>
 *   <li>a treeAggregate sums the N state vectors (float64, 8·(3P + S) bytes per partition);</li>
 *   <li>the driver divides by N.</li>
 * </ol>
 *
 * <p>What is averaged, and why: the parameters (plain parameter averaging); the BN running mean and
 * variance (all replicas see the same distribution, so the mean of their statistics is the statistic
 * of the union up to the spread of replica means, which the EMA already blurs); and Adam's first and
 * second moments, as DL4J's parameter-averaging master does by default. Averaging m is exact for the
 * first moment of the pooled gradients; the averaged v is the mean of the replicas' g² estimates, so
 * step sizes stay as cautious as on one replica. The alternatives are worse here: resetting the
 * moments every round would restart Adam's bias correction each round, and keeping them per
 * partition would make tasks stateful, which Spark's retries and re-partitioning do not honour.
 * All replicas take the same number of steps, so the step count is common and Adam's bias
 * correction and the learning-rate schedule stay those of a single run of rounds·k steps.
 *
 * <p>Each replica's batch is {@code training.batchSize}; N replicas thus see N·batch maps per step,
 * like one process with an N-times larger batch but averaging only every k steps.
 */
public final class SparkDataParallelTrainer {
    private final JavaSparkContext sc;
    private final TrainingSetup setup;
    private final MapsFactory maps;
    private final DataParallelConfig config;

    public SparkDataParallelTrainer(JavaSparkContext sc, TrainingSetup setup, MapsFactory maps, DataParallelConfig config) {
        this.sc = sc;
        this.setup = setup.withTraining(setup.training().toBuilder().steps(config.totalStepsPerReplica()).build());
        this.maps = maps;
        this.config = config;
    }

    /** Runs all rounds, reporting each; validation (training.validationMaps) is evaluated on the driver at the end. */
    public DataParallelResult train(Consumer<RoundStats> listener) {
        TrainingJob job = new TrainingJob(UUID.randomUUID().toString(), setup, maps);
        Trainer driver = ExecutorTrainers.get(job);
        TrainingState state;
        synchronized (driver) {
            state = driver.state(); // a fresh trainer: the seeded initial weights
        }
        int n = config.partitions();
        int k = config.stepsPerRound();
        long seed = setup.training().seed();
        int threads = config.executorThreads();
        int paramCount = state.parameters().length;
        int statCount = state.bnStats().length;
        JavaRDD<Integer> replicas = sc.parallelize(IntStream.range(0, n).boxed().toList(), n);
        List<RoundStats> rounds = new ArrayList<>();
        List<LossPoint> history = new ArrayList<>();
        for (int r = 0; r < config.rounds(); r++) {
            long t0 = System.nanoTime();
            StateBlob blob = new StateBlob(state);
            Broadcast<StateBlob> b = sc.broadcast(blob);
            int round = r;
            StateSum total = replicas.mapPartitionsWithIndex((p, ignored) -> Collections.singletonList(
                    trainReplica(job, b.value(), k, Seeds.derive(seed, round, p), threads)).iterator(), true)
                    .treeAggregate(new StateSum(), StateSum::merge, StateSum::merge, config.aggregationDepth());
            if (total.replicas != n) {
                throw new IllegalStateException("round " + r + " aggregated " + total.replicas + " replicas, expected " + n);
            }
            state = TrainingState.average(total.sum, n, state.step() + k, paramCount, statCount);
            b.destroy();
            double loss = total.lossSum / n;
            RoundStats stats = new RoundStats(r, state.step(), loss, blob.bytes(), 8L * total.sum.length,
                    (System.nanoTime() - t0) * 1e-9, total.maxTrainSeconds);
            history.add(new LossPoint(state.step(), loss, setup.training().learningRate().at(state.step() - 1, config.totalStepsPerReplica())));
            rounds.add(stats);
            listener.accept(stats);
        }
        ScoreModel model;
        synchronized (driver) {
            driver.setState(state);
            driver.replaceHistory(history);
            if (setup.training().validationMaps() > 0) {
                driver.validate(setup.training().validationMaps());
            }
            model = driver.model();
        }
        ExecutorTrainers.release(job.id());
        return new DataParallelResult(model, rounds);
    }

    /** One partition's work: set the executor's trainer to the broadcast state and take k steps. */
    private static StateSum trainReplica(TrainingJob job, StateBlob start, int k, long streamSeed, int threads) {
        if (threads > 0) {
            Nd4jRuntime.configureThreads(threads); // once per JVM; a no-op afterwards
        }
        Trainer t = ExecutorTrainers.get(job);
        synchronized (t) {
            long t0 = System.nanoTime();
            t.setState(start.toState());
            double loss = t.trainSteps(k, streamSeed);
            return StateSum.of(t.state().toVector(), loss, (System.nanoTime() - t0) * 1e-9);
        }
    }
}
