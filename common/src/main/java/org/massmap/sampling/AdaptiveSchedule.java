package org.massmap.sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The reference implementation's adaptive ladder: each chain multiplies its own σ by the drop
 * factor only after {@code minStepsPerLevel} iterations at its level, an accepted HMC move x → x',
 * and an MH-type test log U &lt; log r = ∫_x^{x'} s_σ + ∫_{x'}^{x} s_σ' (both line integrals of the
 * score, σ' = max(drop·σ, σ_min)). A chain that has not reached σ_min after {@code maxIterations}
 * iterations fails as stalled. Immutable.
 */
public final class AdaptiveSchedule extends Schedule {
    private final double dropFactor;
    private final int minStepsPerLevel;
    private final int maxIterations;

    /**
     * @param dropFactor       σ' = dropFactor·σ, in (0, 1) (reference 0.98)
     * @param minStepsPerLevel iterations at a level before a drop may be tried (reference 10)
     * @param maxIterations    iterations after which a chain still above σ_min stops as stalled
     */
    public AdaptiveSchedule(double sigmaMax, double sigmaMin, double dropFactor, int minStepsPerLevel, int maxIterations,
            int finalSteps) {
        super(sigmaMax, sigmaMin, finalSteps);
        if (!(dropFactor > 0 && dropFactor < 1) || minStepsPerLevel < 0 || maxIterations < 1) {
            throw new IllegalArgumentException("the adaptive schedule needs 0 < sampler.drop-factor < 1, "
                    + "sampler.min-steps-per-level >= 0 and sampler.max-iterations >= 1");
        }
        this.dropFactor = dropFactor;
        this.minStepsPerLevel = minStepsPerLevel;
        this.maxIterations = maxIterations;
    }

    public double dropFactor() {
        return dropFactor;
    }

    public int minStepsPerLevel() {
        return minStepsPerLevel;
    }

    public int maxIterations() {
        return maxIterations;
    }

    @Override
    public Kind kind() {
        return Kind.ADAPTIVE;
    }

    @Override
    public AdaptiveSchedule withSigmaMin(double newSigmaMin) {
        return new AdaptiveSchedule(sigmaMax(), newSigmaMin, dropFactor, minStepsPerLevel, maxIterations, finalSteps());
    }

    @Override
    public AdaptiveSchedule withFinalSteps(int newFinalSteps) {
        return new AdaptiveSchedule(sigmaMax(), sigmaMin(), dropFactor, minStepsPerLevel, maxIterations, newFinalSteps);
    }

    /**
     * σ dropped by dropFactor^(1/factor) per accepted test (factor times as many levels), with factor
     * times the minimum iterations per level, the stall bound and the final iterations.
     */
    @Override
    public AdaptiveSchedule lengthened(int factor) {
        requireFactor(factor);
        return new AdaptiveSchedule(sigmaMax(), sigmaMin(), Math.pow(dropFactor, 1.0 / factor), minStepsPerLevel * factor,
                maxIterations * factor, finalSteps() * factor);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdaptiveSchedule a && a.sigmaMax() == sigmaMax() && a.sigmaMin() == sigmaMin()
                && a.finalSteps() == finalSteps() && a.dropFactor == dropFactor && a.minStepsPerLevel == minStepsPerLevel
                && a.maxIterations == maxIterations;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sigmaMax(), sigmaMin(), finalSteps(), dropFactor, minStepsPerLevel, maxIterations);
    }

    /** The stall bound of the annealing plus the final iterations. */
    @Override
    public int iterationBound() {
        return maxIterations + finalSteps();
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "adaptive, sigma × %s after >= %d steps + %d final", dropFactor, minStepsPerLevel,
                finalSteps());
    }

    @Override
    void advance(List<Chain> active, boolean[] accepted, double[] deltaLogP, ScoreEvaluator scores) {
        List<Chain> candidates = new ArrayList<>();
        List<Double> forward = new ArrayList<>();
        for (int c = 0; c < active.size(); c++) {
            Chain ch = active.get(c);
            if (ch.phase == Chain.Phase.FAILED) {
                continue;
            }
            if (ch.phase == Chain.Phase.FINAL) {
                if (++ch.finalDone >= finalSteps()) {
                    ch.phase = Chain.Phase.DONE;
                }
                continue;
            }
            if (ch.stepsAtLevel >= minStepsPerLevel && accepted[c]) {
                candidates.add(ch);
                forward.add(deltaLogP[c]);
            } else {
                ch.stepsAtLevel++;
            }
            if (ch.iterations >= maxIterations && ch.phase == Chain.Phase.ANNEAL && !candidates.contains(ch)) {
                failStalled(ch);
            }
        }
        if (!candidates.isEmpty()) {
            tryLowering(candidates, forward, scores);
        }
    }

    /** The level test: the accepted move went xPrev → x' (= ch.x now); the reverse path runs x' → xPrev at the lowered σ'. */
    private void tryLowering(List<Chain> candidates, List<Double> forward, ScoreEvaluator scores) {
        int m = candidates.size();
        double[][] xPrime = new double[m][];
        double[][] xPrev = new double[m][];
        double[] lowered = new double[m];
        for (int c = 0; c < m; c++) {
            Chain ch = candidates.get(c);
            xPrime[c] = ch.x;
            xPrev[c] = ch.previousState;
            lowered[c] = Math.max(ch.sigma * dropFactor, sigmaMin());
        }
        double[] both = Arrays.copyOf(lowered, 2 * m);
        System.arraycopy(lowered, 0, both, m, m);
        double[][] endsScores = scores.evaluate(candidates, List.of(xPrime, xPrev), both);
        double[][] sPrime = Arrays.copyOfRange(endsScores, 0, m);
        double[][] sPrev = Arrays.copyOfRange(endsScores, m, 2 * m);
        double[] backward = scores.lineIntegral(candidates, xPrime, sPrime, xPrev, sPrev, lowered);
        for (int c = 0; c < m; c++) {
            Chain ch = candidates.get(c);
            if (ch.phase == Chain.Phase.FAILED) {
                continue;
            }
            double logR = forward.get(c) + backward[c]; // log r = ∫_x^{x'} s_σ + ∫_{x'}^{x} s_σ'
            if (Math.log(ch.rng.nextDouble()) < logR) {
                ch.level++;
                ch.enterLevel(lowered[c]);
                ch.grad = sPrime[c];
                if (ch.sigma <= sigmaMin()) {
                    ch.phase = finalSteps() > 0 ? Chain.Phase.FINAL : Chain.Phase.DONE;
                }
            } else {
                ch.stepsAtLevel++;
                if (ch.iterations >= maxIterations) {
                    failStalled(ch);
                }
            }
        }
    }

    private void failStalled(Chain ch) {
        ch.fail("stalled: sigma=" + ch.sigma + " had not reached sigma-min=" + sigmaMin() + " after "
                + ch.iterations + " iterations; raise sampler.max-iterations or use the geometric schedule");
    }
}
