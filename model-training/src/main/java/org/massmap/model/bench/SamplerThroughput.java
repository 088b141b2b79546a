package org.massmap.model.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.massmap.catalog.BinnedShear;
import org.massmap.config.MapSettings;
import org.massmap.config.SamplerConfig;
import org.massmap.config.Settings;
import org.massmap.config.SurveyConfig;
import org.massmap.grid.SkyPoint;
import org.massmap.lensing.ShearModel;
import org.massmap.model.HybridPriorModel;
import org.massmap.model.ScoreModel;
import org.massmap.pipeline.PriorModel;
import org.massmap.pipeline.TileProblem;
import org.massmap.sampling.ChainResult;
import org.massmap.sim.MockSurvey;
import org.massmap.sim.MockSurveySpec;
import org.massmap.theory.TabulatedConvergenceSpectrum;
import org.massmap.validation.StudyRealisation;

/**
 * Posterior samples per core-hour on one mock tile (centred at RA, Dec = 150°, 2°, at the model's
 * pixel size, the survey section's density, σ_e and mask, no halos) with the Gaussian and with the
 * hybrid prior, as a Markdown table for docs/benchmarks.md. Written by {@code massmap bench throughput}.
 */
public final class SamplerThroughput {
    private SamplerThroughput() {
    }

    /**
     * Samples the tile with each prior and writes one table row per prior.
     *
     * @param out    where the table goes (flushed after each row)
     * @param s      the settings (sampler, survey density, σ_e, mask, simulate.lognormal-shift)
     * @param model  the score model of the hybrid prior; its C_ℓ is the truth's and both priors'
     * @param size   tile side, pixels
     * @param chains chains (one sample each) per prior, run on all available processors
     */
    public static void write(PrintWriter out, Settings s, ScoreModel model, int size, int chains) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        SamplerConfig sampler = SamplerConfig.from(s);
        double pixel = model.metadata().pixelArcmin();
        var cl = new TabulatedConvergenceSpectrum(model.metadata().prior().ell(), model.metadata().prior().cl(), "model");
        var spec = new MockSurveySpec(size, pixel, new SkyPoint(150, 2), s.positive("survey.galaxies-per-arcmin2"),
                s.positive("survey.sigma-e"), s.positive("simulate.lognormal-shift"), SurveyConfig.mask(s), ShearModel.REDUCED_SHEAR);
        var mock = MockSurvey.generate(spec, MockSurvey.truthSimulator(spec, cl::cl, null), new SplittableRandom(1));
        BinnedShear binned = StudyRealisation.bin(mock, new MapSettings(size, pixel, Optional.empty(), OptionalDouble.empty(), false,
                false, ShearModel.REDUCED_SHEAR));
        out.printf(Locale.ROOT, "| prior | tile | score evaluations / sample | s / sample (wall, %d cores) | samples per core-hour |%n"
                + "|---|---|---|---|---|%n", cores);
        for (PriorModel prior : new PriorModel[] {PriorModel.gaussian(), new HybridPriorModel(model)}) {
            var problem = new TileProblem("bench", binned, ShearModel.REDUCED_SHEAR, cl, prior, sampler);
            long t0 = System.nanoTime();
            List<ChainResult> results = problem.sample(0, chains, cores, null);
            double wall = (System.nanoTime() - t0) * 1e-9;
            long evals = 0;
            for (ChainResult r : results) {
                evals += r.diagnostics().scoreEvaluations();
            }
            out.printf(Locale.ROOT, "| %s | %d² at %.3g′ | %.0f | %.1f | %.0f |%n", prior.describe().split(" \\(")[0], size, pixel,
                    (double) evals / chains, wall / chains, 3600.0 * chains / (wall * cores));
            out.flush();
        }
    }
}
