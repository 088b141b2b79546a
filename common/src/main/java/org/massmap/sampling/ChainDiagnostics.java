package org.massmap.sampling;

/**
 * What happened in one chain: its index and seed, the σ of each level it visited with the HMC
 * moves accepted and proposed there, total iterations, score evaluations (single-map), the final
 * step-size constant and σ, wall time of the batch it ran in (seconds), and a failure reason
 * (null when the chain finished).
 */
public record ChainDiagnostics(int chain, long seed, double[] levelSigma, int[] levelAccepted, int[] levelProposed,
        int iterations, long scoreEvaluations, double finalStepSize, double finalSigma, double wallSeconds,
        String failure) implements java.io.Serializable {

    public boolean failed() {
        return failure != null;
    }

    /** Overall acceptance rate of HMC moves. */
    public double acceptanceRate() {
        long a = 0;
        long p = 0;
        for (int i = 0; i < levelAccepted.length; i++) {
            a += levelAccepted[i];
            p += levelProposed[i];
        }
        return p == 0 ? Double.NaN : (double) a / p;
    }

    /** Acceptance rate of HMC moves in the last level visited (the final phase at σ_min); 0 when none were proposed. */
    public double lastLevelAcceptanceRate() {
        int last = levelAccepted.length - 1;
        return (double) levelAccepted[last] / Math.max(1, levelProposed[last]);
    }
}
