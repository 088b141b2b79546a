package org.massmap.validation;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * The histogram of simulation-based-calibration ranks of one statistic and its χ² test of
 * uniformity. With S posterior samples a rank takes S + 1 values 0…S, all equally likely when the
 * posterior is calibrated; they are grouped into {@code bins} equal bins (S + 1 a multiple of bins),
 * and χ² = Σ (O − E)²/E with E = realisations/bins has bins − 1 degrees of freedom.
 *
 * @param counts realisations per bin
 * @param chi2   χ² of the counts against uniform
 * @param dof    bins − 1
 * @param pValue P(χ²_dof ≥ chi2): small means the ranks are not uniform
 */
public record RankHistogram(int[] counts, double chi2, int dof, double pValue) {

    /**
     * @param ranks   one rank in [0, samples] per realisation
     * @param samples S, posterior samples per realisation
     * @param bins    number of bins; (samples + 1) must be a multiple
     */
    public static RankHistogram of(int[] ranks, int samples, int bins) {
        if (bins < 2 || (samples + 1) % bins != 0) {
            throw new IllegalArgumentException("samples + 1 = " + (samples + 1) + " must be a multiple of the " + bins + " bins");
        }
        if (ranks.length == 0) {
            throw new IllegalArgumentException("no ranks");
        }
        int per = (samples + 1) / bins;
        int[] counts = new int[bins];
        for (int r : ranks) {
            if (r < 0 || r > samples) {
                throw new IllegalArgumentException("rank " + r + " outside [0, " + samples + "]");
            }
            counts[r / per]++;
        }
        double expected = (double) ranks.length / bins;
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        int dof = bins - 1;
        double p = 1 - new ChiSquaredDistribution(null, dof).cumulativeProbability(chi2);
        return new RankHistogram(counts, chi2, dof, p);
    }

    /**
     * The rank of the truth among the samples: the number of samples below it, ties broken by a
     * uniform draw among the tied positions (u in [0, 1)), so a discrete statistic still gives
     * uniform ranks under calibration.
     */
    public static int rank(double truth, double[] samples, double u) {
        int below = 0;
        int tied = 0;
        for (double s : samples) {
            if (s < truth) {
                below++;
            } else if (s == truth) {
                tied++;
            }
        }
        return below + (int) Math.floor(u * (tied + 1));
    }
}
