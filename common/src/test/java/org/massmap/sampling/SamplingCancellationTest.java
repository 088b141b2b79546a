package org.massmap.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.massmap.prior.GaussianPrior;
import org.massmap.sampling.GaussianPosteriorSamplingTest.Problem;

/**
 * Cancellation of a sampling run (Ctrl-C, a killed Spark task): chains on a practically endless
 * schedule stop within seconds when the calling thread is interrupted or the cancellation flag is
 * raised, during annealing and during the probability-flow finish, and no chain thread outlives
 * the call. A run that is not cancelled gives the same bits with or without a flag.
 */
class SamplingCancellationTest {
    /** Far more levels than a test could wait for: only a cancellation ends such a run. */
    static final int ENDLESS = 100_000_000;
    /** Probability-flow steps no test waits for (the σ grid is allocated whole, so not more). */
    static final int ENDLESS_FLOW = 2_000_000;

    private final ExecutorService caller = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-caller");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void stopCaller() {
        caller.shutdownNow();
    }

    /** A prior that counts its evaluations and records the threads that evaluate it. */
    static final class Watched implements ScoreFunction {
        final ScoreFunction inner;
        final AtomicLong calls = new AtomicLong();
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();

        Watched(ScoreFunction inner) {
            this.inner = inner;
        }

        @Override
        public int nx() {
            return inner.nx();
        }

        @Override
        public int ny() {
            return inner.ny();
        }

        @Override
        public void score(double[][] maps, double[] sigmas, double[][] out) {
            threads.add(Thread.currentThread());
            calls.incrementAndGet();
            inner.score(maps, sigmas, out);
        }
    }

    static PosteriorSampler sampler(Problem pr, ScoreFunction prior, Schedule schedule, ProbabilityFlow finish) {
        return new PosteriorSampler(new TemperedPosterior(pr.likelihood(), prior), pr.approximation(), schedule,
                GaussianPosteriorSamplingTest.MOVE, finish);
    }

    static void awaitCalls(Watched w, long n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (w.calls.get() < n) {
            assertTrue(System.nanoTime() < deadline, "the chains did not start");
            Thread.sleep(5);
        }
    }

    /** The sampler's threads have ended (they are the ones that evaluated the prior). */
    static void assertChainThreadsEnded(Watched w) throws InterruptedException {
        assertFalse(w.threads.isEmpty());
        for (Thread t : w.threads) {
            t.join(5_000);
            assertFalse(t.isAlive(), t.getName() + " still runs after the call returned");
        }
    }

    @Test
    void interruptingTheCallerStopsEveryBatchPromptly() throws Exception {
        Problem pr = GaussianPosteriorSamplingTest.problem(16, true, 4);
        Watched prior = new Watched(new GaussianPrior(pr.power()));
        PosteriorSampler s = sampler(pr, prior, new GeometricSchedule(0.5, 0.01, ENDLESS, 3, 3), ProbabilityFlow.NONE);
        Future<List<ChainResult>> run = caller.submit(() -> s.sample(pr.ksStart(), 1, "t", 0, 4, 1, 2, null));
        awaitCalls(prior, 200);
        long before = System.nanoTime();
        run.cancel(true); // interrupts the calling thread, as a killed Spark task's or Ctrl-C's interrupt does
        caller.shutdown();
        assertTrue(caller.awaitTermination(10, TimeUnit.SECONDS), "the call did not return after the interrupt");
        assertChainThreadsEnded(prior);
        long calls = prior.calls.get();
        Thread.sleep(200);
        assertEquals(calls, prior.calls.get(), "no evaluation after the call returned");
        assertTrue((System.nanoTime() - before) * 1e-9 < 10);
    }

    @Test
    void theCancellationFlagStopsAnnealingAndTheCallThrows() throws Exception {
        Problem pr = GaussianPosteriorSamplingTest.problem(16, false, 5);
        Watched prior = new Watched(new GaussianPrior(pr.power()));
        AtomicBoolean killed = new AtomicBoolean();
        PosteriorSampler s = sampler(pr, prior, new GeometricSchedule(0.5, 0.01, ENDLESS, 3, 3), ProbabilityFlow.NONE);
        Future<List<ChainResult>> run = caller.submit(() -> s.sample(pr.ksStart(), 1, "t", 0, 3, 2, 2, null, killed::get));
        awaitCalls(prior, 200);
        killed.set(true); // no interrupt: a Spark task killed without interrupting its thread
        ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(10, TimeUnit.SECONDS));
        assertInstanceOf(CancellationException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("cancelled"), e.getCause().getMessage());
        assertChainThreadsEnded(prior);
    }

    @Test
    void theProbabilityFlowFinishIsCancelledToo() throws Exception {
        Problem pr = GaussianPosteriorSamplingTest.problem(16, false, 6);
        Schedule shortSchedule = new GeometricSchedule(0.5, 0.01, 2, 1, 1);
        Watched annealingOnly = new Watched(new GaussianPrior(pr.power()));
        sampler(pr, annealingOnly, shortSchedule, ProbabilityFlow.NONE).sample(pr.ksStart(), 1, "t", 0, 2, 2, 1, null);
        long annealingCalls = annealingOnly.calls.get();

        Watched prior = new Watched(new GaussianPrior(pr.power()));
        AtomicBoolean killed = new AtomicBoolean();
        PosteriorSampler s = sampler(pr, prior, shortSchedule, new ProbabilityFlow(ENDLESS_FLOW, 0));
        Future<List<ChainResult>> run = caller.submit(() -> s.sample(pr.ksStart(), 1, "t", 0, 2, 2, 1, null, killed::get));
        awaitCalls(prior, annealingCalls + 1_000); // well into the finish
        killed.set(true);
        ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(10, TimeUnit.SECONDS));
        assertInstanceOf(CancellationException.class, e.getCause());
        assertChainThreadsEnded(prior);
    }

    @Test
    void aRunThatIsNotCancelledGivesTheSameBitsWithAFlagThatIsAskedEveryStep() {
        Problem pr = GaussianPosteriorSamplingTest.problem(16, true, 7);
        PosteriorSampler s = sampler(pr, new GaussianPrior(pr.power()), new GeometricSchedule(0.5, 0.01, 5, 3, 3),
                new ProbabilityFlow(3, 0));
        AtomicLong asked = new AtomicLong();
        BooleanSupplier never = () -> {
            asked.incrementAndGet();
            return false;
        };
        List<ChainResult> plain = s.sample(pr.ksStart(), 11, "t", 0, 4, 2, 2, null);
        List<ChainResult> flagged = s.sample(pr.ksStart(), 11, "t", 0, 4, 2, 2, null, never);
        // control: the flag was really consulted, at least once per leapfrog step of each batch
        assertTrue(asked.get() >= 2L * (5 * 3 + 3) * GaussianPosteriorSamplingTest.MOVE.leapfrogSteps(), "asked " + asked);
        for (int i = 0; i < plain.size(); i++) {
            assertArrayEquals(plain.get(i).sample(), flagged.get(i).sample(), "chain " + i);
            assertEquals(plain.get(i).diagnostics().scoreEvaluations(), flagged.get(i).diagnostics().scoreEvaluations());
        }
    }
}
