package org.massmap.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.massmap.stats.MeanRemoval;

/**
 * Annealed Hamiltonian Monte Carlo (Remy et al. 2020, section 3, eq. 4) for one batch of
 * independent chains that move in lockstep so that every score evaluation is one batched call.
 *
 * <p>Each chain starts from a given map (the Kaiser-Squires estimate) plus white noise of std
 * σ_max, and samples the tempered posterior p_σ(κ | γ) while σ is lowered to σ_min by a
 * {@link Schedule}. One iteration: momentum p ~ N(0, M); L leapfrog steps of size ε; a
 * Metropolis-Hastings test whose Δlog p is the line integral of the score along the straight move
 * x → x' by Simpson's rule on 4 sub-intervals (the end-point scores are the leapfrog ones, so it
 * costs 3 extra evaluations), since only the score is known. ε adapts towards the target acceptance
 * while annealing and is frozen during the final iterations at σ_min. An optional probability-flow
 * ODE dx/dσ² = −½ s_post(x, σ) (Heun's method) then carries each chain from σ_min towards σ = 0.
 * The last state of each chain is one posterior sample.
 *
 * <p>All randomness of a chain comes from its own generator, seeded from its seed alone, so a
 * chain's sample does not depend on which other chains share its batch (the score function must
 * evaluate maps independently). A chain whose state or score turns non-finite stops with a reason;
 * the others continue. Not thread-safe: one instance per running batch.
 */
public final class AnnealedHmc {
    private static final double[] SIMPSON_T = {0.25, 0.5, 0.75};
    private static final double ADAPTATION_GAIN = 0.05;

    private enum Phase { ANNEAL, FINAL, DONE, FAILED }

    private final TemperedPosterior posterior;
    private final GaussianApproximation approximation;
    private final HmcSettings settings;
    private final int n;

    /**
     * @param approximation Gaussian approximation of the posterior, used by the Fourier mass matrix
     *                      (may be null with {@link MassKind#IDENTITY})
     */
    public AnnealedHmc(TemperedPosterior posterior, GaussianApproximation approximation, HmcSettings settings) {
        if (settings.mass() == MassKind.FOURIER && approximation == null) {
            throw new IllegalArgumentException("the Fourier mass matrix needs the Gaussian approximation of the posterior");
        }
        this.posterior = posterior;
        this.approximation = approximation;
        this.settings = settings;
        this.n = posterior.size();
    }

    /** Mutable state of one chain, confined to one run. */
    private final class Chain {
        final int index;
        final long seed;
        final SplittableRandom rng;
        double[] x;
        /** The state before the last accepted move (the start of the reverse path of the adaptive test). */
        double[] previousState;
        double[] grad;
        double sigma;
        int level;
        int stepsAtLevel;
        int finalDone;
        int iterations;
        long evaluations;
        double logStep;
        Phase phase = Phase.ANNEAL;
        String failure;
        MassMatrix mass;
        double massSigma = Double.NaN;
        final List<double[]> levels = new ArrayList<>(); // {sigma, accepted, proposed}

        Chain(int index, long seed) {
            this.index = index;
            this.seed = seed;
            this.rng = new SplittableRandom(seed);
            this.logStep = Math.log(settings.stepSize());
        }

        MassMatrix mass() {
            if (sigma != massSigma) {
                mass = settings.mass() == MassKind.FOURIER ? approximation.fourierMass(sigma) : IdentityMass.INSTANCE;
                massSigma = sigma;
            }
            return mass;
        }

        double stepSize() {
            double c = Math.exp(logStep);
            return settings.mass() == MassKind.IDENTITY ? c * Math.sqrt(sigma) : c;
        }

        void enterLevel(double newSigma) {
            sigma = newSigma;
            stepsAtLevel = 0;
            levels.add(new double[] {newSigma, 0, 0});
        }

        void fail(String reason) {
            phase = Phase.FAILED;
            failure = reason;
        }
    }

    /**
     * Runs one batch of chains to completion.
     *
     * @param start   starting map (Kaiser-Squires estimate), zero mean not required
     * @param indices chain indices (for diagnostics)
     * @param seeds   one seed per chain
     */
    public List<ChainResult> run(double[] start, int[] indices, long[] seeds) {
        if (start.length != n || indices.length != seeds.length) {
            throw new IllegalArgumentException("start map must have " + n + " pixels and one seed per chain");
        }
        long t0 = System.nanoTime();
        List<Chain> chains = new ArrayList<>();
        for (int c = 0; c < indices.length; c++) {
            Chain ch = new Chain(indices[c], seeds[c]);
            ch.x = new double[n];
            for (int i = 0; i < n; i++) {
                ch.x[i] = start[i] + settings.sigmaMax() * ch.rng.nextGaussian();
            }
            MeanRemoval.removeMean(ch.x);
            ch.enterLevel(settings.sigmaMax());
            chains.add(ch);
        }
        double[][] starts = new double[chains.size()][];
        for (int c = 0; c < starts.length; c++) {
            starts[c] = chains.get(c).x;
        }
        double[][] g0 = evaluate(chains, List.<double[][]>of(starts), sigmasOf(chains, 1));
        for (int c = 0; c < chains.size(); c++) {
            chains.get(c).grad = g0[c];
        }
        List<Chain> active = alive(chains);
        while (!active.isEmpty()) {
            iterate(active);
            active = alive(active);
        }
        if (settings.probabilityFlow()) {
            flowToZero(alive(chains, Phase.DONE));
        }
        double wall = (System.nanoTime() - t0) * 1e-9;
        List<ChainResult> results = new ArrayList<>();
        for (Chain ch : chains) {
            double[] lv = new double[ch.levels.size()];
            int[] acc = new int[lv.length];
            int[] prop = new int[lv.length];
            for (int i = 0; i < lv.length; i++) {
                lv[i] = ch.levels.get(i)[0];
                acc[i] = (int) ch.levels.get(i)[1];
                prop[i] = (int) ch.levels.get(i)[2];
            }
            ChainDiagnostics d = new ChainDiagnostics(ch.index, ch.seed, lv, acc, prop, ch.iterations, ch.evaluations,
                    ch.stepSize(), ch.sigma, wall, ch.failure);
            results.add(new ChainResult(ch.phase == Phase.FAILED ? null : ch.x, d));
        }
        return results;
    }

    private static List<Chain> alive(List<Chain> chains) {
        List<Chain> a = new ArrayList<>();
        for (Chain c : chains) {
            if (c.phase == Phase.ANNEAL || c.phase == Phase.FINAL) {
                a.add(c);
            }
        }
        return a;
    }

    private static List<Chain> alive(List<Chain> chains, Phase phase) {
        List<Chain> a = new ArrayList<>();
        for (Chain c : chains) {
            if (c.phase == phase) {
                a.add(c);
            }
        }
        return a;
    }

    /** One HMC iteration for every active chain, then the schedule update. */
    private void iterate(List<Chain> active) {
        int m = active.size();
        double[][] p0 = new double[m][n];
        double[][] p = new double[m][];
        double[][] xNew = new double[m][];
        double[][] g = new double[m][];
        double[] eps = new double[m];
        double[] v = new double[n];
        for (int c = 0; c < m; c++) {
            Chain ch = active.get(c);
            ch.mass().drawMomentum(ch.rng, p0[c]);
            p[c] = p0[c].clone();
            xNew[c] = ch.x.clone();
            g[c] = ch.grad;
            eps[c] = ch.stepSize();
        }
        double[] sigmas = sigmasOf(active, 1);
        for (int l = 0; l < settings.leapfrogSteps(); l++) {
            for (int c = 0; c < m; c++) {
                axpy(0.5 * eps[c], g[c], p[c]);
                active.get(c).mass().velocity(p[c], v);
                axpy(eps[c], v, xNew[c]);
            }
            g = evaluate(active, List.<double[][]>of(xNew), sigmas);
            for (int c = 0; c < m; c++) {
                axpy(0.5 * eps[c], g[c], p[c]);
            }
        }
        double[] deltaLogP = lineIntegrals(active, xNew, g, sigmas);
        boolean[] accepted = new boolean[m];
        for (int c = 0; c < m; c++) {
            Chain ch = active.get(c);
            if (ch.phase == Phase.FAILED) {
                continue;
            }
            MassMatrix mass = ch.mass();
            double logAlpha = deltaLogP[c] + mass.kineticEnergy(p0[c]) - mass.kineticEnergy(p[c]);
            if (!Double.isFinite(logAlpha) && logAlpha != Double.NEGATIVE_INFINITY) {
                ch.fail("non-finite Metropolis-Hastings ratio at sigma=" + ch.sigma + ", iteration " + ch.iterations);
                continue;
            }
            accepted[c] = Math.log(ch.rng.nextDouble()) < logAlpha;
            double[] lv = ch.levels.get(ch.levels.size() - 1);
            lv[2]++;
            if (accepted[c]) {
                lv[1]++;
                ch.previousState = ch.x;
                ch.x = xNew[c];
                ch.grad = g[c];
            }
            if (ch.phase == Phase.ANNEAL) {
                double a = Math.min(1.0, Math.exp(logAlpha));
                ch.logStep += ADAPTATION_GAIN * (a - settings.targetAcceptance());
            }
            ch.iterations++;
        }
        if (settings.schedule() == Schedule.GEOMETRIC) {
            advanceGeometric(active);
        } else {
            advanceAdaptive(active, accepted, deltaLogP);
        }
    }

    /**
     * Δlog p along x → x' for each chain: ∫₀¹ s(x + t(x' − x))·(x' − x) dt by Simpson's rule with
     * 4 sub-intervals, using the cached end-point scores.
     */
    private double[] lineIntegrals(List<Chain> active, double[][] xNew, double[][] gNew, double[] sigmas) {
        int m = active.size();
        double[][] from = new double[m][];
        double[][] fromScore = new double[m][];
        for (int c = 0; c < m; c++) {
            from[c] = active.get(c).x;
            fromScore[c] = active.get(c).grad;
        }
        return simpson(active, from, fromScore, xNew, gNew, sigmas);
    }

    /** Simpson line integrals of the score from a to b, given the scores at both ends. */
    private double[] simpson(List<Chain> chains, double[][] a, double[][] sa, double[][] b, double[][] sb,
            double[] sigmas) {
        int m = chains.size();
        List<double[][]> points = new ArrayList<>();
        for (double t : SIMPSON_T) {
            double[][] pts = new double[m][n];
            for (int c = 0; c < m; c++) {
                for (int i = 0; i < n; i++) {
                    pts[c][i] = a[c][i] + t * (b[c][i] - a[c][i]);
                }
            }
            points.add(pts);
        }
        double[][] s = evaluate(chains, points, sigmas);
        double[] result = new double[m];
        for (int c = 0; c < m; c++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double d = b[c][i] - a[c][i];
                // (1/12)[s(0) + 4 s(1/4) + 2 s(1/2) + 4 s(3/4) + s(1)] · (b − a)
                sum += d * (sa[c][i] + 4 * s[c][i] + 2 * s[m + c][i] + 4 * s[2 * m + c][i] + sb[c][i]);
            }
            result[c] = sum / 12;
        }
        return result;
    }

    private void advanceGeometric(List<Chain> active) {
        List<Chain> regrad = new ArrayList<>();
        for (Chain ch : active) {
            if (ch.phase == Phase.FAILED) {
                continue;
            }
            if (ch.phase == Phase.FINAL) {
                ch.finalDone++;
            } else if (++ch.stepsAtLevel >= settings.stepsPerLevel()) {
                if (ch.level < settings.levels() - 1) {
                    ch.level++;
                    ch.enterLevel(settings.geometricLevel(ch.level));
                    regrad.add(ch);
                } else {
                    ch.phase = Phase.FINAL;
                }
            }
            if (ch.phase == Phase.FINAL && ch.finalDone >= settings.finalSteps()) {
                ch.phase = Phase.DONE;
            }
        }
        refreshScores(regrad);
    }

    private void advanceAdaptive(List<Chain> active, boolean[] accepted, double[] deltaLogP) {
        List<Chain> candidates = new ArrayList<>();
        List<Double> forward = new ArrayList<>();
        for (int c = 0; c < active.size(); c++) {
            Chain ch = active.get(c);
            if (ch.phase == Phase.FAILED) {
                continue;
            }
            if (ch.phase == Phase.FINAL) {
                if (++ch.finalDone >= settings.finalSteps()) {
                    ch.phase = Phase.DONE;
                }
                continue;
            }
            if (ch.stepsAtLevel >= settings.minStepsPerLevel() && accepted[c]) {
                candidates.add(ch);
                forward.add(deltaLogP[c]);
            } else {
                ch.stepsAtLevel++;
            }
            if (ch.iterations >= settings.maxIterations() && ch.phase == Phase.ANNEAL && !candidates.contains(ch)) {
                ch.fail("stalled: sigma=" + ch.sigma + " had not reached sigma-min=" + settings.sigmaMin() + " after "
                        + ch.iterations + " iterations; raise sampler.max-iterations or use the geometric schedule");
            }
        }
        if (candidates.isEmpty()) {
            return;
        }
        // The accepted move went from xPrev to x' (= ch.x now); the reverse path runs x' → xPrev at the lowered σ'.
        int m = candidates.size();
        double[][] xPrime = new double[m][];
        double[][] xPrev = new double[m][];
        double[] lowered = new double[m];
        for (int c = 0; c < m; c++) {
            Chain ch = candidates.get(c);
            xPrime[c] = ch.x;
            xPrev[c] = ch.previousState;
            lowered[c] = Math.max(ch.sigma * settings.dropFactor(), settings.sigmaMin());
        }
        double[][] endsScores = evaluate(candidates, List.of(xPrime, xPrev), concat(lowered, lowered));
        double[][] sPrime = java.util.Arrays.copyOfRange(endsScores, 0, m);
        double[][] sPrev = java.util.Arrays.copyOfRange(endsScores, m, 2 * m);
        double[] backward = simpson(candidates, xPrime, sPrime, xPrev, sPrev, lowered);
        for (int c = 0; c < m; c++) {
            Chain ch = candidates.get(c);
            if (ch.phase == Phase.FAILED) {
                continue;
            }
            double logR = forward.get(c) + backward[c];
            if (Math.log(ch.rng.nextDouble()) < logR) {
                ch.level++;
                ch.enterLevel(lowered[c]);
                ch.grad = sPrime[c];
                if (ch.sigma <= settings.sigmaMin()) {
                    ch.phase = settings.finalSteps() > 0 ? Phase.FINAL : Phase.DONE;
                }
            } else {
                ch.stepsAtLevel++;
                if (ch.iterations >= settings.maxIterations()) {
                    ch.fail("stalled: sigma=" + ch.sigma + " had not reached sigma-min=" + settings.sigmaMin() + " after "
                            + ch.iterations + " iterations; raise sampler.max-iterations or use the geometric schedule");
                }
            }
        }
    }

    /** Recomputes the cached score of chains whose σ changed. */
    private void refreshScores(List<Chain> chains) {
        if (chains.isEmpty()) {
            return;
        }
        double[][] xs = new double[chains.size()][];
        for (int c = 0; c < xs.length; c++) {
            xs[c] = chains.get(c).x;
        }
        double[][] s = evaluate(chains, List.<double[][]>of(xs), sigmasOf(chains, 1));
        for (int c = 0; c < chains.size(); c++) {
            chains.get(c).grad = s[c];
        }
    }

    /** Probability-flow ODE dx/dt = −½ s_post(x, √t), t = σ², by Heun's method on a geometric σ grid. */
    private void flowToZero(List<Chain> chains) {
        if (chains.isEmpty()) {
            return;
        }
        int steps = settings.odeSteps();
        double end = settings.odeSigmaEnd();
        double geometricEnd = Math.max(end, settings.sigmaMin() * 1e-3);
        double[] sig = new double[steps + 1];
        for (int j = 0; j <= steps; j++) {
            sig[j] = settings.sigmaMin() * Math.pow(geometricEnd / settings.sigmaMin(), (double) j / steps);
        }
        if (end == 0) {
            sig[steps] = 0;
        }
        int m = chains.size();
        double[][] xs = new double[m][];
        for (int c = 0; c < m; c++) {
            xs[c] = chains.get(c).x.clone();
        }
        for (int j = 0; j < steps; j++) {
            double dt = sig[j + 1] * sig[j + 1] - sig[j] * sig[j];
            double[][] k1 = evaluate(chains, List.<double[][]>of(xs), filled(m, sig[j]));
            double[][] trial = new double[m][];
            for (int c = 0; c < m; c++) {
                trial[c] = xs[c].clone();
                axpy(-0.5 * dt, k1[c], trial[c]);
            }
            double[][] k2 = evaluate(chains, List.<double[][]>of(trial), filled(m, sig[j + 1]));
            for (int c = 0; c < m; c++) {
                axpy(-0.25 * dt, k1[c], xs[c]);
                axpy(-0.25 * dt, k2[c], xs[c]);
            }
        }
        for (int c = 0; c < m; c++) {
            Chain ch = chains.get(c);
            if (ch.phase != Phase.FAILED) {
                ch.x = xs[c];
                ch.sigma = sig[steps];
            }
        }
    }

    /**
     * Evaluates the posterior score for groups of maps (each group has one map per chain, in chain
     * order) in one batched call; counts evaluations and fails chains whose maps or scores are not
     * finite. Returns the scores in the same order (group-major).
     */
    private double[][] evaluate(List<Chain> chains, List<double[][]> groups, double[] sigmas) {
        int m = chains.size();
        int total = m * groups.size();
        double[][] maps = new double[total][];
        double[][] out = new double[total][n];
        double[] sig = new double[total];
        for (int gIdx = 0; gIdx < groups.size(); gIdx++) {
            for (int c = 0; c < m; c++) {
                maps[gIdx * m + c] = groups.get(gIdx)[c];
                sig[gIdx * m + c] = sigmas[(gIdx * m + c) % sigmas.length];
            }
        }
        posterior.score(maps, sig, out);
        for (int k = 0; k < total; k++) {
            Chain ch = chains.get(k % m);
            ch.evaluations++;
            if (ch.phase != Phase.FAILED && !(allFinite(out[k]) && allFinite(maps[k]))) {
                ch.fail("non-finite state or score at sigma=" + sig[k] + ", iteration " + ch.iterations);
            }
        }
        return out;
    }

    private double[] sigmasOf(List<Chain> chains, int repeat) {
        double[] s = new double[chains.size() * repeat];
        for (int r = 0; r < repeat; r++) {
            for (int c = 0; c < chains.size(); c++) {
                s[r * chains.size() + c] = chains.get(c).sigma;
            }
        }
        return s;
    }

    private static double[] filled(int m, double v) {
        double[] a = new double[m];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static boolean allFinite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }

}
