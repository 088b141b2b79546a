package org.massmap.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.massmap.stats.MeanRemoval;

/**
 * Annealed Hamiltonian Monte Carlo (Remy et al. 2020, section 3, eq. 4) for one batch of
 * independent chains that move in lockstep so that every score evaluation is one batched call.
 *
 * <p>Each chain starts from a given map (the Kaiser-Squires estimate) plus white noise of std
 * σ_max and samples the tempered posterior p_σ(κ | γ) while its {@link Schedule} lowers σ to σ_min.
 * One iteration is one {@link HmcMove}: momentum p ~ N(0, M), L leapfrog steps of size ε, and a
 * Metropolis-Hastings test whose Δlog p is the {@link LineIntegral} of the score along the straight
 * move x → x' (Simpson; the end-point scores are the leapfrog ones). ε adapts towards the target
 * acceptance while annealing and is frozen during the final iterations at σ_min. An optional
 * {@link ProbabilityFlow} then carries each chain from σ_min towards σ = 0. The last state of each
 * chain is one posterior sample.
 *
 * <p>All randomness of a chain comes from its own generator, seeded from its seed alone, so a
 * chain's sample does not depend on which other chains share its batch (the score function must
 * evaluate maps independently). A chain whose state or score turns non-finite stops with a reason;
 * the others continue. A run stops early, with a {@link CancellationException}, when its thread is
 * interrupted or its cancellation flag is raised: both are looked at before every leapfrog step
 * and every probability-flow step, apart from the chains' random numbers, so a run that is not
 * cancelled gives the same bits as one without the checks. Immutable: all state of a run lives in
 * its chains, so batches may run on several threads at once if the posterior's score function
 * allows it.
 */
public final class AnnealedHmc {
    private static final double ADAPTATION_GAIN = 0.05;

    private final GaussianApproximation approximation;
    private final Schedule schedule;
    private final HmcMove move;
    private final ProbabilityFlow finish;
    private final boolean metropolisHastings;
    private final ScoreEvaluator scores;
    private final ChainObserver observer;
    private final int n;

    /**
     * @param approximation Gaussian approximation of the posterior, used by the Fourier mass matrix
     *                      (may be null with {@link MassKind#IDENTITY})
     * @param finish        the probability-flow finish, or {@link ProbabilityFlow#NONE}
     */
    public AnnealedHmc(TemperedPosterior posterior, GaussianApproximation approximation, Schedule schedule, HmcMove move,
            ProbabilityFlow finish) {
        this(posterior, approximation, schedule, move, finish, LineIntegral.SIMPSON, true);
    }

    /**
     * The same sampler with another line integral, or with every proposal accepted
     * ({@code metropolisHastings} false): only for tests that show each part is needed.
     */
    AnnealedHmc(TemperedPosterior posterior, GaussianApproximation approximation, Schedule schedule, HmcMove move,
            ProbabilityFlow finish, LineIntegral lineIntegral, boolean metropolisHastings) {
        this(approximation, schedule, move, finish, metropolisHastings, new ScoreEvaluator(posterior, lineIntegral),
                ChainObserver.NONE, posterior.size());
    }

    private AnnealedHmc(GaussianApproximation approximation, Schedule schedule, HmcMove move, ProbabilityFlow finish,
            boolean metropolisHastings, ScoreEvaluator scores, ChainObserver observer, int n) {
        if (move.mass() == MassKind.FOURIER && approximation == null) {
            throw new IllegalArgumentException("the Fourier mass matrix needs the Gaussian approximation of the posterior");
        }
        finish.requireBelow(schedule.sigmaMin());
        this.approximation = approximation;
        this.schedule = schedule;
        this.move = move;
        this.finish = finish;
        this.metropolisHastings = metropolisHastings;
        this.scores = scores;
        this.observer = observer;
        this.n = n;
    }

    /** The same sampler, with every chain's iterations shown to {@code observer} (which changes no sample). */
    public AnnealedHmc withObserver(ChainObserver observer) {
        return new AnnealedHmc(approximation, schedule, move, finish, metropolisHastings, scores, observer, n);
    }

    /**
     * Runs one batch of chains to completion.
     *
     * @param start   starting map (Kaiser-Squires estimate), zero mean not required
     * @param indices chain indices (for diagnostics)
     * @param seeds   one seed per chain
     */
    public List<ChainResult> run(double[] start, int[] indices, long[] seeds) {
        return run(start, indices, seeds, Cancellation.NEVER);
    }

    /**
     * Runs one batch of chains to completion, or until it is cancelled.
     *
     * @param cancelled checked before every leapfrog and probability-flow step, with the thread's
     *                  interrupt status
     * @throws CancellationException when the thread is interrupted or {@code cancelled} turns true (no
     *                               result: a cancelled batch has no valid chains)
     */
    public List<ChainResult> run(double[] start, int[] indices, long[] seeds, BooleanSupplier cancelled) {
        if (start.length != n || indices.length != seeds.length) {
            throw new IllegalArgumentException("start map must have " + n + " pixels and one seed per chain");
        }
        long t0 = System.nanoTime();
        List<Chain> chains = new ArrayList<>();
        for (int c = 0; c < indices.length; c++) {
            Chain ch = new Chain(indices[c], seeds[c], move.stepSize());
            ch.x = new double[n];
            for (int i = 0; i < n; i++) {
                ch.x[i] = start[i] + schedule.sigmaMax() * ch.rng.nextGaussian();
            }
            MeanRemoval.removeMean(ch.x);
            ch.enterLevel(schedule.sigmaMax());
            chains.add(ch);
        }
        Cancellation cancellation = new Cancellation(cancelled);
        cancellation.check(chains);
        scores.refresh(chains);
        List<Chain> active = running(chains);
        while (!active.isEmpty()) {
            iterate(active, cancellation);
            active = running(active);
        }
        List<Chain> done = new ArrayList<>();
        for (Chain ch : chains) {
            if (ch.phase == Chain.Phase.DONE) {
                done.add(ch);
            }
        }
        finish.finish(done, schedule.sigmaMin(), scores, cancellation);
        double wall = (System.nanoTime() - t0) * 1e-9;
        List<ChainResult> results = new ArrayList<>();
        for (Chain ch : chains) {
            results.add(ch.result(move.epsilon(ch.logStep, ch.sigma), wall));
        }
        return results;
    }

    private static List<Chain> running(List<Chain> chains) {
        List<Chain> a = new ArrayList<>();
        for (Chain c : chains) {
            if (c.running()) {
                a.add(c);
            }
        }
        return a;
    }

    /** One HMC iteration for every active chain, then the schedule's advance rule. */
    private void iterate(List<Chain> active, Cancellation cancellation) {
        int m = active.size();
        double[][] p0 = new double[m][n];
        double[][] p = new double[m][];
        double[][] xNew = new double[m][];
        double[][] g = new double[m][];
        double[][] from = new double[m][];
        double[][] fromScore = new double[m][];
        double[] eps = new double[m];
        double[] v = new double[n];
        for (int c = 0; c < m; c++) {
            Chain ch = active.get(c);
            ch.mass(move, approximation).drawMomentum(ch.rng, p0[c]);
            p[c] = p0[c].clone();
            xNew[c] = ch.x.clone();
            g[c] = ch.grad;
            from[c] = ch.x;
            fromScore[c] = ch.grad;
            eps[c] = move.epsilon(ch.logStep, ch.sigma);
        }
        double[] sigmas = ScoreEvaluator.sigmas(active);
        for (int l = 0; l < move.leapfrogSteps(); l++) {
            cancellation.check(active);
            for (int c = 0; c < m; c++) {
                axpy(0.5 * eps[c], g[c], p[c]);
                active.get(c).mass(move, approximation).velocity(p[c], v);
                axpy(eps[c], v, xNew[c]);
            }
            g = scores.evaluate(active, List.<double[][]>of(xNew), sigmas);
            for (int c = 0; c < m; c++) {
                axpy(0.5 * eps[c], g[c], p[c]);
            }
        }
        double[] deltaLogP = scores.lineIntegral(active, from, fromScore, xNew, g, sigmas);
        boolean[] accepted = new boolean[m];
        for (int c = 0; c < m; c++) {
            Chain ch = active.get(c);
            if (ch.phase == Chain.Phase.FAILED) {
                continue;
            }
            MassMatrix mass = ch.mass(move, approximation);
            double logAlpha = deltaLogP[c] + mass.kineticEnergy(p0[c]) - mass.kineticEnergy(p[c]);
            if (!Double.isFinite(logAlpha) && logAlpha != Double.NEGATIVE_INFINITY) {
                ch.fail("non-finite Metropolis-Hastings ratio at sigma=" + ch.sigma + ", iteration " + ch.iterations);
                continue;
            }
            accepted[c] = Math.log(ch.rng.nextDouble()) < logAlpha || !metropolisHastings;
            ch.countProposal(accepted[c]);
            if (accepted[c]) {
                ch.previousState = ch.x;
                ch.x = xNew[c];
                ch.grad = g[c];
            }
            if (ch.phase == Chain.Phase.ANNEAL) {
                double a = Math.min(1.0, Math.exp(logAlpha));
                ch.logStep += ADAPTATION_GAIN * (a - move.targetAcceptance());
            }
            ch.iterations++;
            observer.afterIteration(ch.index, ch.sigma, ch.phase == Chain.Phase.FINAL, ch.x);
        }
        schedule.advance(active, accepted, deltaLogP, scores);
    }

    /** y += a·x. */
    static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }
}
