package org.massmap.validation;

/**
 * Agreement of an estimate with the truth over selected pixels, each map mean-subtracted over those
 * pixels first: root-mean-square error and Pearson correlation coefficient.
 */
public record MapMetrics(double rmse, double pearson, int pixels) implements java.io.Serializable {

    public static MapMetrics of(double[] estimate, double[] truth, boolean[] select) {
        double me = 0;
        double mt = 0;
        int n = 0;
        for (int i = 0; i < truth.length; i++) {
            if (select[i] && Double.isFinite(truth[i]) && Double.isFinite(estimate[i])) {
                me += estimate[i];
                mt += truth[i];
                n++;
            }
        }
        if (n < 2) {
            throw new IllegalArgumentException("metrics need at least 2 observed pixels with a finite truth, have " + n);
        }
        me /= n;
        mt /= n;
        double se = 0;
        double ee = 0;
        double tt = 0;
        double et = 0;
        for (int i = 0; i < truth.length; i++) {
            if (select[i] && Double.isFinite(truth[i]) && Double.isFinite(estimate[i])) {
                double e = estimate[i] - me;
                double t = truth[i] - mt;
                se += (e - t) * (e - t);
                ee += e * e;
                tt += t * t;
                et += e * t;
            }
        }
        return new MapMetrics(Math.sqrt(se / n), et / Math.sqrt(ee * tt), n);
    }
}
