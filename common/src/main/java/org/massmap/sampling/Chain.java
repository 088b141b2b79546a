package org.massmap.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The mutable state of one annealed chain, confined to one {@link AnnealedHmc#run} call: its
 * generator (seeded from its seed alone), state, cached score, σ and place on the schedule, the
 * adapted step size and the per-level acceptance counts that become its {@link ChainDiagnostics}.
 */
final class Chain {
    enum Phase { ANNEAL, FINAL, DONE, FAILED }

    final int index;
    final long seed;
    final SplittableRandom rng;
    double[] x;
    /** The state before the last accepted move (the start of the reverse path of the adaptive test). */
    double[] previousState;
    /** Score at (x, sigma). */
    double[] grad;
    double sigma;
    int level;
    int stepsAtLevel;
    int finalDone;
    int iterations;
    long evaluations;
    /** log of the step-size constant c. */
    double logStep;
    Phase phase = Phase.ANNEAL;
    String failure;
    private MassMatrix mass;
    private double massSigma = Double.NaN;
    private final List<double[]> levels = new ArrayList<>(); // {sigma, accepted, proposed}

    Chain(int index, long seed, double stepSize) {
        this.index = index;
        this.seed = seed;
        this.rng = new SplittableRandom(seed);
        this.logStep = Math.log(stepSize);
    }

    boolean running() {
        return phase == Phase.ANNEAL || phase == Phase.FINAL;
    }

    /** The mass matrix at the chain's σ, rebuilt only when σ changed. */
    MassMatrix mass(HmcMove move, GaussianApproximation approximation) {
        if (sigma != massSigma) {
            mass = move.massAt(sigma, approximation);
            massSigma = sigma;
        }
        return mass;
    }

    void enterLevel(double newSigma) {
        sigma = newSigma;
        stepsAtLevel = 0;
        levels.add(new double[] {newSigma, 0, 0});
    }

    /** Counts one HMC proposal at the current level. */
    void countProposal(boolean accepted) {
        double[] lv = levels.get(levels.size() - 1);
        lv[2]++;
        if (accepted) {
            lv[1]++;
        }
    }

    void fail(String reason) {
        phase = Phase.FAILED;
        failure = reason;
    }

    /** The chain's sample (null if it failed) and diagnostics. */
    ChainResult result(double finalStepSize, double wallSeconds) {
        double[] lv = new double[levels.size()];
        int[] acc = new int[lv.length];
        int[] prop = new int[lv.length];
        for (int i = 0; i < lv.length; i++) {
            lv[i] = levels.get(i)[0];
            acc[i] = (int) levels.get(i)[1];
            prop[i] = (int) levels.get(i)[2];
        }
        ChainDiagnostics d = new ChainDiagnostics(index, seed, lv, acc, prop, iterations, evaluations, finalStepSize, sigma,
                wallSeconds, failure);
        return new ChainResult(phase == Phase.FAILED ? null : x, d);
    }
}
