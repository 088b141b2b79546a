package org.massmap.validation;

/**
 * Empirical coverage of per-pixel credible intervals: the fraction of selected pixels whose truth
 * lies inside [lower, upper]. The truth is shifted so that its mean over the selected pixels equals
 * the posterior mean's (κ maps carry no information on their mean).
 */
public final class Coverage {
    private Coverage() {
    }

    public static double of(double[] truth, double[] posteriorMean, double[] lower, double[] upper, boolean[] select) {
        double shift = 0;
        int n = 0;
        for (int i = 0; i < truth.length; i++) {
            if (select[i] && Double.isFinite(truth[i])) {
                shift += posteriorMean[i] - truth[i];
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("coverage needs observed pixels with a finite truth");
        }
        shift /= n;
        int inside = 0;
        for (int i = 0; i < truth.length; i++) {
            if (select[i] && Double.isFinite(truth[i])) {
                double t = truth[i] + shift;
                if (t >= lower[i] && t <= upper[i]) {
                    inside++;
                }
            }
        }
        return (double) inside / n;
    }
}
