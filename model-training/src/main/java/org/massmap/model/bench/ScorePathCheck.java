package org.massmap.model.bench;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.massmap.sampling.ScoreFunction;
import org.massmap.training.SimulatedTrainingMaps;
import org.massmap.validation.PathIndependence;

/**
 * Part of the model report: how far the learned score is from a gradient field where the sampler
 * uses it. The Metropolis-Hastings test integrates the score along each move by Simpson's rule, so
 * a curl makes Δlog p depend on the path; {@link PathIndependence} measures the loop integral around
 * closed triangles at held-out simulations plus noise σ, with white-noise sides of rms h per pixel.
 * Reported in nats (what the acceptance test compares with 1) and relative to the legs' sum of
 * absolute values, for the hybrid score and, as the control, the Gaussian score (a gradient field).
 */
final class ScorePathCheck {
    private ScorePathCheck() {
    }

    static void write(PrintWriter out, ScoreFunction hybrid, ScoreFunction gaussian, SimulatedTrainingMaps heldOut, int triangles,
            long seed) {
        out.println("\n**Path independence of Δlog p** (the Simpson loop integral around " + triangles + " closed triangles"
                + " per row at held-out maps + noise σ, white-noise sides of rms h per pixel; 0 for a gradient field;"
                + " medians of the loop's absolute value, with its 90th percentile in brackets):\n");
        out.println("| σ | h | hybrid: loop (nats) | hybrid: loop / sum of the legs' absolute values | Gaussian: loop (nats) |");
        out.println("|---|---|---|---|---|");
        for (double sigma : new double[] {0.005, 0.02, 0.05}) {
            for (double h : new double[] {sigma / 8, sigma / 2}) {
                Random rng = new Random(seed + 31);
                double[] hybridLoop = new double[triangles];
                double[] hybridRelative = new double[triangles];
                double[] gaussianLoop = new double[triangles];
                for (int k = 0; k < triangles; k++) {
                    double[] x = heldOut.next(rng);
                    for (int i = 0; i < x.length; i++) {
                        x[i] += sigma * rng.nextGaussian();
                    }
                    double[] a = noise(rng, x.length, h);
                    double[] b = noise(rng, x.length, h);
                    PathIndependence.Loop l = PathIndependence.around(hybrid, x, sigma, a, b);
                    hybridLoop[k] = Math.abs(l.loop());
                    hybridRelative[k] = l.relative();
                    gaussianLoop[k] = Math.abs(PathIndependence.around(gaussian, x, sigma, a, b).loop());
                }
                out.printf(Locale.ROOT, "| %.3g | %.3g | %.3g (%.3g) | %.2g | %.2g |%n", sigma, h, quantile(hybridLoop, 0.5),
                        quantile(hybridLoop, 0.9), quantile(hybridRelative, 0.5), quantile(gaussianLoop, 0.5));
            }
        }
    }

    private static double[] noise(Random rng, int n, double rms) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = rms * rng.nextGaussian();
        }
        return d;
    }

    private static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.floor(q * s.length))];
    }
}
