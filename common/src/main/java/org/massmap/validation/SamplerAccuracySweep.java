package org.massmap.validation;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.massmap.config.SamplerConfig;
import org.massmap.config.Settings;
import org.massmap.config.SurveyConfig;
import org.massmap.config.TheoryConfig;
import org.massmap.io.MassmapIoException;
import org.massmap.io.plot.LinePlot;
import org.massmap.sampling.AdaptiveSchedule;
import org.massmap.sampling.GaussianApproximation;
import org.massmap.sampling.GeometricSchedule;
import org.massmap.sampling.HmcMove;
import org.massmap.sampling.MassKind;
import org.massmap.sampling.SamplerStudy;
import org.massmap.sampling.Schedule;
import org.massmap.theory.ConvergenceSpectrum;

/**
 * Accuracy of annealed HMC against score evaluations per sample (docs/sampler.md), on the masked
 * tile of {@link SamplerStudy} with the Gaussian prior, whose exact posterior is known: geometric
 * ladders from 4 × 2 + 4 to 80 × 10 + 80 steps and two adaptive references, each with the Fourier
 * and the identity mass, between the configured σ_max and the automatic σ_min. Writes one Markdown
 * table row per configuration as it finishes; the curves of |std ratio − 1| against cost can then
 * be plotted.
 */
public final class SamplerAccuracySweep {
    private static final int[][] GEOMETRIC = {{4, 2, 4}, {8, 2, 8}, {10, 5, 10}, {20, 5, 20}, {40, 5, 40}, {80, 10, 80}};

    /** Per configuration {score evaluations per sample, |std ratio − 1|, mean error / σ}, in the table's order. */
    private final List<double[]> fourier;
    private final List<double[]> identity;
    private final List<double[]> adaptive;

    private SamplerAccuracySweep(List<double[]> fourier, List<double[]> identity, List<double[]> adaptive) {
        this.fourier = List.copyOf(fourier);
        this.identity = List.copyOf(identity);
        this.adaptive = List.copyOf(adaptive);
    }

    /**
     * Builds the problem and runs every configuration on all available processors.
     *
     * @param out        where the problem's description and the table go (flushed after each row)
     * @param s          the settings (prior C_ℓ, map.pixel-arcmin, survey noise and mask, sampler)
     * @param size       tile side, pixels
     * @param chains     chains (one sample each) per configuration
     * @param exactDraws constrained realisations for the exact posterior std
     */
    public static SamplerAccuracySweep run(PrintWriter out, Settings s, int size, int chains, int exactDraws) throws Exception {
        ConvergenceSpectrum cl = TheoryConfig.priorSpectrum(s);
        double pixel = s.positive("map.pixel-arcmin");
        double noise = SurveyConfig.pixelNoise(s, pixel);
        long t0 = System.nanoTime();
        SamplerStudy.Problem p = SamplerStudy.problem(size, pixel, cl::cl, noise, SurveyConfig.mask(s), exactDraws, 7);
        GaussianApproximation ap = new GaussianApproximation(p.likelihood(), p.power());
        Schedule base = SamplerConfig.from(s).schedule();
        double sigmaMin = ap.sigmaMin(s.positive("sampler.sigma-min-tolerance"), base.sigmaMax());
        out.printf(Locale.ROOT, "problem: %d² at %.2f′, noise %.3f per pixel, mask %s; exact moments from %d constrained realisations (%.0f s)%n",
                size, pixel, noise, "survey.mask", exactDraws, (System.nanoTime() - t0) * 1e-9);
        out.printf(Locale.ROOT, "sigma-max %.3g, sigma-min %.3g (auto, %.1f%% std inflation)%n%n", base.sigmaMax(), sigmaMin,
                100 * s.positive("sampler.sigma-min-tolerance"));
        out.println("| schedule | mass | levels × steps + final | score evals / sample | mean error / σ (MC floor) | std ratio | s / sample (1 core) |");
        out.println("|---|---|---|---|---|---|---|");
        List<double[]> fourier = new ArrayList<>();
        List<double[]> identity = new ArrayList<>();
        List<double[]> adaptive = new ArrayList<>();
        for (MassKind mass : MassKind.values()) {
            for (int[] g : GEOMETRIC) {
                GeometricSchedule h = new GeometricSchedule(base.sigmaMax(), sigmaMin, g[0], g[1], g[2]);
                SamplerStudy.Row r = SamplerStudy.run(p, "", h, move(mass), chains, Runtime.getRuntime().availableProcessors());
                print(out, "geometric", mass, g[0] + " × " + g[1] + " + " + g[2], r);
                (mass == MassKind.FOURIER ? fourier : identity).add(new double[] {r.evaluationsPerSample(),
                        Math.abs(r.stdRatio() - 1), r.meanError()});
            }
        }
        for (MassKind mass : MassKind.values()) {
            for (double drop : new double[] {0.9, 0.98}) {
                AdaptiveSchedule h = new AdaptiveSchedule(base.sigmaMax(), sigmaMin, drop, 10, 200_000, 20);
                SamplerStudy.Row r = SamplerStudy.run(p, "", h, move(mass), chains, Runtime.getRuntime().availableProcessors());
                print(out, "adaptive ×" + drop, mass, "≥10 per level + 20", r);
                adaptive.add(new double[] {r.evaluationsPerSample(), Math.abs(r.stdRatio() - 1), r.meanError()});
            }
        }
        return new SamplerAccuracySweep(fourier, identity, adaptive);
    }

    /** Writes the PNG of |std ratio − 1| (floored at 10⁻⁴) against score evaluations per sample, log-log. */
    public void writePlot(Path png) throws MassmapIoException {
        LinePlot.of("Sampler accuracy vs cost", "score evaluations per sample", "|std ratio − 1|").withLogX().withLogY()
                .with(new LinePlot.Series("geometric, Fourier mass", col(fourier, 0), col(fourier, 1), LinePlot.Style.LINE_AND_POINTS))
                .with(new LinePlot.Series("geometric, identity mass", col(identity, 0), col(identity, 1), LinePlot.Style.LINE_AND_POINTS))
                .with(new LinePlot.Series("adaptive (reference)", col(adaptive, 0), col(adaptive, 1), LinePlot.Style.POINTS))
                .writePng(png);
    }

    /** The sweep's HMC move: 3 leapfrog steps, 70% target acceptance, the step-size constant for each mass. */
    private static HmcMove move(MassKind mass) {
        return new HmcMove(3, mass == MassKind.FOURIER ? 0.5 : 0.013, 0.7, mass);
    }

    private static double[] col(List<double[]> rows, int c) {
        double[] a = new double[rows.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.max(rows.get(i)[c], 1e-4);
        }
        return a;
    }

    private static void print(PrintWriter out, String schedule, MassKind mass, String ladder, SamplerStudy.Row r) {
        out.printf(Locale.ROOT, "| %s | %s | %s | %.0f | %.3f (%.3f) | %.3f | %.3f |%n", schedule,
                mass.name().toLowerCase(Locale.ROOT), ladder, r.evaluationsPerSample(), r.meanError(), r.meanErrorFloor(),
                r.stdRatio(), r.secondsPerSample());
        out.flush();
    }
}
