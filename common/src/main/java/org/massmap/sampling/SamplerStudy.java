package org.massmap.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.KaiserSquires;
import org.massmap.lensing.ShearLikelihood;
import org.massmap.lensing.ShearModel;
import org.massmap.prior.GaussianFieldGenerator;
import org.massmap.prior.GaussianPrior;
import org.massmap.prior.PowerMap;
import org.massmap.sim.MaskSpec;
import org.massmap.sim.SurveyMask;
import org.massmap.wiener.GaussianPosterior;

/**
 * Accuracy of the annealed HMC sampler against score evaluations per sample, on a masked tile
 * with a Gaussian prior where the exact posterior is known: mean from the Wiener filter, per-pixel
 * std from many exact constrained realisations. For each sampler configuration it reports the rms
 * over observed pixels of (chain mean − exact mean)/exact std — whose Monte-Carlo floor with K
 * chains is 1/√K — and the ratio of pooled sample std to exact std (1 is right).
 */
public final class SamplerStudy {

    /** One configuration's outcome. */
    public record Row(String label, Schedule schedule, HmcMove move, int chains, double evaluationsPerSample,
            double meanError, double meanErrorFloor, double stdRatio, double secondsPerSample, int failedChains) {
    }

    /** The fixed test problem: a masked tile, its likelihood, prior and exact posterior moments. */
    public record Problem(TileGrid grid, PowerMap power, ShearLikelihood likelihood, double[] exactMean,
            double[] exactVariance, double[] start) {
    }

    private SamplerStudy() {
    }

    /**
     * Builds a mock problem: Gaussian truth with spectrum {@code cl}, uniform noise per pixel,
     * a COSMOS-like mask, and the exact moments from {@code exactDraws} constrained realisations.
     */
    public static Problem problem(int size, double pixelArcmin, DoubleUnaryOperator cl, double noiseStd,
            MaskSpec maskSpec, int exactDraws, long seed) {
        TileGrid grid = TileGrid.square(size, pixelArcmin, new SkyPoint(150, 2));
        PowerMap power = PowerMap.fromCl(grid, cl);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] truth = new GaussianFieldGenerator(power).draw(rng);
        KaiserSquires ks = new KaiserSquires(size, size);
        double[][] g = ks.forward(truth, null);
        boolean[] mask = SurveyMask.draw(grid, maskSpec, rng).pixelMask(grid);
        double[] sn = new double[grid.size()];
        for (int i = 0; i < sn.length; i++) {
            sn[i] = noiseStd;
            g[0][i] = mask[i] ? g[0][i] + noiseStd * rng.nextGaussian() : 0;
            g[1][i] = mask[i] ? g[1][i] + noiseStd * rng.nextGaussian() : 0;
        }
        ShearLikelihood like = new ShearLikelihood(ks, g[0], g[1], sn, mask, ShearModel.SHEAR);
        GaussianPosterior exact = new GaussianPosterior(like, power, 0);
        double[] mean = exact.wienerFilter(1e-10, 5000).kappa();
        double[] var = new double[mean.length];
        for (int d = 0; d < exactDraws; d++) {
            double[] s = exact.constrainedRealisation(rng, 1e-10, 5000).kappa();
            for (int i = 0; i < var.length; i++) {
                var[i] += (s[i] - mean[i]) * (s[i] - mean[i]) / exactDraws;
            }
        }
        return new Problem(grid, power, like, mean, var, ks.inverse(g[0], g[1])[0]);
    }

    /** Runs one sampler configuration on the problem. */
    public static Row run(Problem p, String label, Schedule schedule, HmcMove move, int chains, int threads) {
        GaussianApproximation approx = new GaussianApproximation(p.likelihood(), p.power());
        TemperedPosterior post = new TemperedPosterior(p.likelihood(), new GaussianPrior(p.power()));
        long t0 = System.nanoTime();
        List<ChainResult> res = new PosteriorSampler(post, approx, schedule, move, ProbabilityFlow.NONE)
                .sample(p.start(), 2024, "study", 0, chains, 8, threads, null);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        List<double[]> ok = new ArrayList<>();
        long evals = 0;
        for (ChainResult r : res) {
            evals += r.diagnostics().scoreEvaluations();
            if (r.sample() != null) {
                ok.add(r.sample());
            }
        }
        boolean[] mask = p.likelihood().mask();
        double err = 0;
        double var = 0;
        double ref = 0;
        int count = 0;
        for (int i = 0; i < mask.length; i++) {
            if (!mask[i]) {
                continue;
            }
            double m = 0;
            double v = 0;
            for (double[] s : ok) {
                m += s[i] / ok.size();
                v += (s[i] - p.exactMean()[i]) * (s[i] - p.exactMean()[i]) / ok.size();
            }
            err += (m - p.exactMean()[i]) * (m - p.exactMean()[i]) / p.exactVariance()[i];
            var += v;
            ref += p.exactVariance()[i];
            count++;
        }
        return new Row(label, schedule, move, ok.size(), (double) evals / chains, Math.sqrt(err / count),
                1 / Math.sqrt(ok.size()), Math.sqrt(var / ref), seconds * threads / chains, chains - ok.size());
    }
}
