package org.massmap.model.bench;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Random;
import org.massmap.grid.TileGrid;
import org.massmap.sampling.ScoreFunction;
import org.massmap.stats.PowerSpectrumEstimator;
import org.massmap.training.SimulatedTrainingMaps;

/**
 * Part of the model report: does the learned score leave the simulations' two-point function where
 * it is? For the true score s of p_σ and any band projector P_b, Stein's identity gives
 * E[(P_b x)·s(x)] = −tr P_b (integration by parts), so ρ_b = −E[Re(X_k S_k*)]/N over the band's
 * modes is exactly 1 at x = simulation + noise σ. A score with ρ_b > 1 pulls that band towards zero
 * harder than the data distribution allows, and a sampler driven by it draws maps with roughly
 * 1/ρ_b of the band's power (exactly so for a score linear in the band); ρ_b < 1 inflates it.
 * The Gaussian score gives ρ_b = (C_sim + σ²)/(C + σ²), 1 when the simulator's power is the prior's;
 * the report prints both, with the standard error over maps.
 */
final class StationarityCheck {
    private static final int BANDS = 8;

    private StationarityCheck() {
    }

    static void write(PrintWriter out, TileGrid grid, ScoreFunction hybrid, ScoreFunction gaussian, SimulatedTrainingMaps heldOut,
            int maps, double[] sigmas, long seed) {
        PowerSpectrumEstimator bands = new PowerSpectrumEstimator(grid, BANDS);
        double norm = grid.pixelRad() * grid.pixelRad();
        double[] ell = bands.ell();
        out.println("\n**Stein ratio per band** ρ_b = −E[x_b·s_b(x)] / (number of modes), at x = held-out simulation + noise σ"
                + " (" + maps + " maps per σ; exactly 1 for the true score; sampling with a score of ρ_b gives ≈ 1/ρ_b of the band's"
                + " power): hybrid (Gaussian score alone) ± standard error of the hybrid's.\n");
        StringBuilder head = new StringBuilder("| σ |");
        StringBuilder rule = new StringBuilder("|---|");
        for (double l : ell) {
            head.append(String.format(Locale.ROOT, " ℓ %.0f |", l));
            rule.append("---|");
        }
        out.println(head);
        out.println(rule);
        for (double sigma : sigmas) {
            Random rng = new Random(seed);
            double[] sumH = new double[BANDS];
            double[] sumH2 = new double[BANDS];
            double[] sumG = new double[BANDS];
            for (int k = 0; k < maps; k++) {
                double[] x = heldOut.next(rng);
                for (int i = 0; i < x.length; i++) {
                    x[i] += sigma * rng.nextGaussian();
                }
                double[] h = bands.cross(x, hybrid.score(x, sigma));
                double[] g = bands.cross(x, gaussian.score(x, sigma));
                for (int b = 0; b < BANDS; b++) {
                    double rh = -h[b] / norm;
                    sumH[b] += rh;
                    sumH2[b] += rh * rh;
                    sumG[b] += -g[b] / norm;
                }
            }
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %.3g |", sigma));
            for (int b = 0; b < BANDS; b++) {
                double mean = sumH[b] / maps;
                double se = Math.sqrt(Math.max(0, sumH2[b] / maps - mean * mean) / Math.max(1, maps - 1));
                row.append(String.format(Locale.ROOT, " %.3f ± %.3f (%.3f) |", mean, se, sumG[b] / maps));
            }
            out.println(row);
        }
    }
}
