package org.massmap.validation;

import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

/**
 * Whether one method beats another on the same realisations: the per-realisation differences
 * d_i = a_i − b_i of a metric (e.g. RMSE of the posterior mean minus the Wiener filter's), their mean
 * and its standard error, how many realisations favour each method, and two-sided p-values of the
 * paired t-test and of the Wilcoxon signed-rank test (exact for up to 30 pairs), from commons-math3.
 * A small p-value says the difference is not Monte-Carlo luck; its sign says who wins.
 *
 * @param pairs         realisations compared
 * @param meanDifference mean of a − b
 * @param standardError standard error of that mean
 * @param aLower        realisations where a &lt; b
 * @param tTestP        two-sided p-value of the paired t-test
 * @param wilcoxonP     two-sided p-value of the Wilcoxon signed-rank test
 */
public record PairedComparison(int pairs, double meanDifference, double standardError, int aLower, double tTestP, double wilcoxonP) {

    /** The comparison of metric values a[i] and b[i] of the same realisations (at least 2 pairs). */
    public static PairedComparison of(double[] a, double[] b) {
        if (a.length != b.length || a.length < 2) {
            throw new IllegalArgumentException("a paired comparison needs the same realisations for both, at least 2; got " + a.length
                    + " and " + b.length);
        }
        int n = a.length;
        double mean = 0;
        int aLower = 0;
        boolean allEqual = true;
        for (int i = 0; i < n; i++) {
            double d = a[i] - b[i];
            mean += d / n;
            aLower += d < 0 ? 1 : 0;
            allEqual &= d == 0;
        }
        double var = 0;
        for (int i = 0; i < n; i++) {
            double d = a[i] - b[i] - mean;
            var += d * d / (n - 1);
        }
        if (allEqual) {
            return new PairedComparison(n, 0, 0, 0, 1, 1);
        }
        double t = var > 0 ? new TTest().pairedTTest(a, b) : 0;
        double w = new WilcoxonSignedRankTest().wilcoxonSignedRankTest(a, b, n <= 30);
        return new PairedComparison(n, mean, Math.sqrt(var / n), aLower, t, w);
    }
}
