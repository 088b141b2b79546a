package org.massmap.sampling;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * The optional finish of each chain (docs/sampler.md, "σ_min"): the probability-flow ODE
 * dx/dt = −½ s_post(x, √t), t = σ², integrated by Heun's method on a geometric σ grid from σ_min to
 * {@code sigmaEnd} (the last step to exactly 0 when {@code sigmaEnd} = 0). The transport is exact
 * only where the tempered posterior is the σ = 0 one convolved with N(0, σ²), which the tempered
 * likelihood makes approximately true. Immutable.
 *
 * @param steps    Heun steps; 0 means no finish ({@link #NONE})
 * @param sigmaEnd σ where the ODE stops, &ge; 0 and below σ_min (0 when the prior score is defined at σ = 0)
 */
public record ProbabilityFlow(int steps, double sigmaEnd) implements Serializable {
    /** No finish: chains end at σ_min. */
    public static final ProbabilityFlow NONE = new ProbabilityFlow(0, 0);

    public ProbabilityFlow {
        if (steps < 0) {
            throw new IllegalArgumentException("sampler.ode-steps must not be negative, got " + steps);
        }
        if (!(sigmaEnd >= 0) || !Double.isFinite(sigmaEnd)) {
            throw new IllegalArgumentException("sampler.ode-sigma-end must be >= 0, got " + sigmaEnd);
        }
    }

    public boolean enabled() {
        return steps > 0;
    }

    /** Checks that the flow ends below the schedule's σ_min. */
    public void requireBelow(double sigmaMin) {
        if (enabled() && sigmaEnd >= sigmaMin) {
            throw new IllegalArgumentException("the probability-flow finish needs 0 <= sampler.ode-sigma-end < sigma-min; got "
                    + "ode-sigma-end=" + sigmaEnd + " and sigma-min=" + sigmaMin);
        }
    }

    /**
     * Carries the finished chains from σ_min to {@code sigmaEnd}; a chain whose state turns non-finite
     * fails. Checks {@code cancellation} before every Heun step.
     */
    void finish(List<Chain> chains, double sigmaMin, ScoreEvaluator scores, Cancellation cancellation) {
        if (!enabled() || chains.isEmpty()) {
            return;
        }
        double[] sig = grid(sigmaMin);
        int m = chains.size();
        double[][] xs = new double[m][];
        for (int c = 0; c < m; c++) {
            xs[c] = chains.get(c).x.clone();
        }
        for (int j = 0; j < steps; j++) {
            cancellation.check(chains);
            double dt = sig[j + 1] * sig[j + 1] - sig[j] * sig[j];
            double[][] k1 = scores.evaluate(chains, List.<double[][]>of(xs), filled(m, sig[j]));
            double[][] trial = new double[m][];
            for (int c = 0; c < m; c++) {
                trial[c] = xs[c].clone();
                AnnealedHmc.axpy(-0.5 * dt, k1[c], trial[c]);
            }
            double[][] k2 = scores.evaluate(chains, List.<double[][]>of(trial), filled(m, sig[j + 1]));
            for (int c = 0; c < m; c++) {
                // Heun: x += −½ dt · (k1 + k2)/2
                AnnealedHmc.axpy(-0.25 * dt, k1[c], xs[c]);
                AnnealedHmc.axpy(-0.25 * dt, k2[c], xs[c]);
            }
        }
        for (int c = 0; c < m; c++) {
            Chain ch = chains.get(c);
            if (ch.phase != Chain.Phase.FAILED) {
                ch.x = xs[c];
                ch.sigma = sig[steps];
            }
        }
    }

    /** σ_j geometric from σ_min to max(sigmaEnd, 10⁻³σ_min), the last one exactly 0 if sigmaEnd = 0. */
    private double[] grid(double sigmaMin) {
        double geometricEnd = Math.max(sigmaEnd, sigmaMin * 1e-3);
        double[] sig = new double[steps + 1];
        for (int j = 0; j <= steps; j++) {
            sig[j] = sigmaMin * Math.pow(geometricEnd / sigmaMin, (double) j / steps);
        }
        if (sigmaEnd == 0) {
            sig[steps] = 0;
        }
        return sig;
    }

    private static double[] filled(int m, double v) {
        double[] a = new double[m];
        Arrays.fill(a, v);
        return a;
    }
}
