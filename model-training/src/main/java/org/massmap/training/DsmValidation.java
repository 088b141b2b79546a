package org.massmap.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.massmap.fft.Fft2;
import org.massmap.model.ResidualScaling;
import org.massmap.model.ResidualWindow;
import org.massmap.prior.PowerMap;
import org.massmap.model.ScoreNetwork;
import org.massmap.prior.GaussianPrior;

/**
 * A fixed held-out DSM set (clean crops, σ, u drawn once from a seed on a stream separate from
 * training) and the loss of eq. 3 on it, for the hybrid score and for the Gaussian score alone
 * (r_θ = 0). The network is evaluated in inference mode (running BN statistics), as a sampler uses
 * it. Same inputs every call, so losses of different models are directly comparable.
 */
public final class DsmValidation {
    private static final int CHUNK = 16;

    /**
     * Losses as means over pixels and maps.
     *
     * @param hybridLoss   mean (u + σ(s_th + r_θ))²
     * @param gaussianLoss mean (u + σ s_th)²
     * @param maps         number of held-out maps
     */
    public record Result(double hybridLoss, double gaussianLoss, int maps) {
        /** 1 − hybrid/gaussian: the fraction of the Gaussian score's loss the network removes. */
        public double improvement() {
            return 1 - hybridLoss / gaussianLoss;
        }
    }

    private final List<DsmBatch> batches;
    private final ResidualWindow.Filter window;
    private final ResidualScaling scaling;
    private final PowerMap power;
    private final Fft2 fft;

    private DsmValidation(List<DsmBatch> batches, ResidualWindow.Filter window, ResidualScaling scaling, PowerMap power, int n) {
        this.batches = List.copyOf(batches);
        this.window = window;
        this.scaling = scaling;
        this.power = power;
        this.fft = new Fft2(n, n);
    }

    /** count held-out maps with σ from the setup's distribution. */
    public static DsmValidation heldOut(TrainingSetup setup, TrainingMaps maps, int count, long seed) {
        return build(setup, maps, count, seed, Double.NaN);
    }

    /** count held-out maps all at one σ. */
    public static DsmValidation heldOutAtSigma(TrainingSetup setup, TrainingMaps maps, int count, long seed, double sigma) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("validation sigma must be positive, got " + sigma);
        }
        return build(setup, maps, count, seed, sigma);
    }

    private static DsmValidation build(TrainingSetup setup, TrainingMaps maps, int count, long seed, double sigma) {
        if (count < 1) {
            throw new IllegalArgumentException("validation needs at least one map, got " + count);
        }
        GaussianPrior prior = new GaussianPrior(setup.prior().powerMap(setup.cropGrid()));
        DsmBatchSampler sampler = new DsmBatchSampler(maps, setup.training().cropSize(), prior, setup.training().sigma(), setup.encoding(),
                setup.cropFilter());
        Random rng = new Random(Seeds.derive(seed, Seeds.VALIDATION));
        List<DsmBatch> batches = new ArrayList<>();
        for (int done = 0; done < count; done += CHUNK) {
            batches.add(sampler.sample(rng, Math.min(CHUNK, count - done), sigma));
        }
        return new DsmValidation(batches, setup.cropFilter(), setup.residualScaling(), prior.power(), setup.training().cropSize());
    }

    /** Losses of a network on this set. */
    public Result evaluate(ScoreNetwork network) {
        double hybrid = 0;
        double gauss = 0;
        long pixels = 0;
        int maps = 0;
        for (DsmBatch b : batches) {
            float[] out = network.forward(b.input(), b.batch(), b.n(), b.n());
            float[] t = b.target();
            int npix = b.n() * b.n();
            for (int m = 0; m < b.batch(); m++) {
                double[] map = new double[npix];
                for (int i = 0; i < npix; i++) {
                    map[i] = out[m * npix + i];
                }
                double[] filtered = filtered(map, b.sigmas()[m]); // σ r_θ = H·W·net_out, as in the loss
                for (int i = 0; i < npix; i++) {
                    double target = t[m * npix + i];
                    double h = filtered[i] + target;
                    hybrid += h * h;
                    gauss += target * target;
                }
            }
            pixels += t.length;
            maps += b.batch();
        }
        return new Result(hybrid / pixels, gauss / pixels, maps);
    }

    private double[] filtered(double[] map, double sigma) {
        if (scaling == ResidualScaling.SIGMA) {
            return window.apply(map);
        }
        double[] out = new double[map.length];
        fft.filterReal(map, scaling.outputGains(window, power, sigma), new double[2 * map.length], out);
        return out;
    }
}
