package org.massmap.validation;

import java.util.List;

/**
 * The Monte-Carlo excess of the squared error of a posterior mean estimated from N samples, so that
 * the error of the mean of infinitely many samples can be reported: E[MSE_N] = MSE_∞ + excess, and
 * MSE_∞ ≈ MSE_N − excess is unbiased for independent samples.
 *
 * <p>The pixels and the mean subtraction are those of {@link MapMetrics}: the selected pixels where the
 * truth and the estimate are finite, every map mean-subtracted over them. Since the mean-subtracted
 * N-sample mean is the mean of the mean-subtracted samples, the excess is (1/N) × the mean over those
 * pixels of the unbiased per-pixel variance of the mean-subtracted samples (each sample minus its own
 * mean over the pixels; a per-sample constant, which the metrics ignore, does not count). κ² units.
 *
 * @param excessMse the excess of the mean squared error, mean over pixels of s²/N
 * @param samples   N, the samples averaged
 * @param pixels    pixels the excess is taken over
 */
public record MonteCarloExcess(double excessMse, int samples, int pixels) implements java.io.Serializable {

    /**
     * The excess of {@code estimate}, the mean of {@code samples}, over {@link MapMetrics}'s pixels.
     *
     * @param samples  the N ≥ 2 independent samples whose pixel mean is {@code estimate}
     * @param estimate their mean (only its finiteness is read: it decides the pixels, as in {@link MapMetrics})
     * @param truth    the truth (only its finiteness is read)
     * @param select   the pixels of the metrics
     */
    public static MonteCarloExcess of(List<double[]> samples, double[] estimate, double[] truth, boolean[] select) {
        int n = samples.size();
        if (n < 2) {
            throw new IllegalArgumentException("the Monte-Carlo excess needs at least 2 samples, got " + n);
        }
        boolean[] use = new boolean[truth.length];
        int pixels = 0;
        for (int i = 0; i < truth.length; i++) {
            use[i] = select[i] && Double.isFinite(truth[i]) && Double.isFinite(estimate[i]);
            pixels += use[i] ? 1 : 0;
        }
        if (pixels < 2) {
            throw new IllegalArgumentException("the Monte-Carlo excess needs at least 2 pixels with a finite truth, have " + pixels);
        }
        double[] offset = new double[n];
        for (int k = 0; k < n; k++) {
            double[] s = samples.get(k);
            double sum = 0;
            for (int i = 0; i < use.length; i++) {
                sum += use[i] ? s[i] : 0;
            }
            offset[k] = sum / pixels;
        }
        double total = 0;
        for (int i = 0; i < use.length; i++) {
            if (!use[i]) {
                continue;
            }
            double mean = 0;
            for (int k = 0; k < n; k++) {
                mean += samples.get(k)[i] - offset[k];
            }
            mean /= n;
            double ss = 0;
            for (int k = 0; k < n; k++) {
                double d = samples.get(k)[i] - offset[k] - mean;
                ss += d * d;
            }
            total += ss / (n - 1);
        }
        return new MonteCarloExcess(total / pixels / n, n, pixels);
    }

    /** MSE_∞ ≈ rmse² − excess, where {@code rmse} is the N-sample mean's RMSE over the same pixels (may be negative). */
    public double correctedMse(double rmse) {
        return rmse * rmse - excessMse;
    }

    /** RMSE_∞ = √max(0, rmse² − excess), where {@code rmse} is the N-sample mean's RMSE over the same pixels. */
    public double correctedRmse(double rmse) {
        return Math.sqrt(Math.max(0, correctedMse(rmse)));
    }
}
