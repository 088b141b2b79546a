package org.massmap.training;

import java.util.Random;
import org.massmap.model.InputEncoding;
import org.massmap.model.ResidualWindow;
import org.massmap.model.SigmaDistribution;
import org.massmap.prior.GaussianPrior;
import org.massmap.stats.MeanRemoval;

/**
 * Builds DSM batches (Remy et al. 2020, eq. 3): for each map a clean n×n periodic crop x at a random
 * offset (indices wrap around the map, which is periodic) under one of the 8 square symmetries, with
 * its mean removed (κ maps are zero-mean); σ from the σ distribution; u ~ N(0, I); x' = x + σu;
 * target u + σ·s_th,σ(x'), the theory score computed by FFT on exactly the n×n map the network sees.
 *
 * <p>Geometry: with the crop as large as the map (the default for simulated maps), x is the whole
 * periodic map, randomly rolled and flipped, so the FFT theory score and the circular network see a
 * true torus, the geometry of a tile at sampling time. The network's map channels are those of the
 * residual window's high-passed map H·x' (see {@link ResidualWindow}); the target is unfiltered, and
 * the loss filters the network output with the same H. A crop smaller than the map is not periodic:
 * the torus then has a seam, which the network learns as if it were sky. Every draw comes from the
 * generator passed in, in a fixed order. Not thread-safe (one per trainer).
 */
final class DsmBatchSampler {
    private final TrainingMaps maps;
    private final int crop;
    private final GaussianPrior prior;
    private final SigmaDistribution sigma;
    private final InputEncoding encoding;
    private final ResidualWindow.Filter window;

    DsmBatchSampler(TrainingMaps maps, int crop, GaussianPrior cropPrior, SigmaDistribution sigma, InputEncoding encoding,
                    ResidualWindow.Filter window) {
        if (maps.nx() < crop || maps.ny() < crop) {
            throw new IllegalArgumentException("training maps are " + maps.nx() + "x" + maps.ny() + " pixels, smaller than"
                    + " the crop size " + crop + "; lower training.crop-size or use larger maps");
        }
        if (cropPrior.nx() != crop || cropPrior.ny() != crop) {
            throw new IllegalArgumentException("the Gaussian prior is " + cropPrior.nx() + "x" + cropPrior.ny() + ", the crop " + crop);
        }
        this.maps = maps;
        this.crop = crop;
        this.prior = cropPrior;
        this.sigma = sigma;
        this.encoding = encoding;
        this.window = window;
    }

    /** A clean zero-mean periodic crop of the next map (a random roll when crop = map), under a random symmetry. */
    double[] cleanCrop(Random rng) {
        double[] m = maps.next(rng);
        int nx = maps.nx();
        int ny = maps.ny();
        int oy = rng.nextInt(ny);
        int ox = rng.nextInt(nx);
        int d = rng.nextInt(Dihedral.COUNT);
        double[] x = new double[crop * crop];
        for (int iy = 0; iy < crop; iy++) {
            for (int ix = 0; ix < crop; ix++) {
                int sy = (oy + Dihedral.sourceRow(d, iy, ix, crop)) % ny;
                int sx = (ox + Dihedral.sourceCol(d, iy, ix, crop)) % nx;
                x[iy * crop + ix] = m[sy * nx + sx];
            }
        }
        MeanRemoval.removeMean(x);
        return x;
    }

    /** A batch of freshly drawn maps, σ from the distribution. */
    DsmBatch sample(Random rng, int batch) {
        return sample(rng, batch, Double.NaN);
    }

    /** A batch of freshly drawn maps at a fixed σ (NaN: draw σ per map). */
    DsmBatch sample(Random rng, int batch, double fixedSigma) {
        double[][] clean = new double[batch][];
        for (int b = 0; b < batch; b++) {
            clean[b] = cleanCrop(rng);
        }
        return corrupt(clean, rng, fixedSigma);
    }

    /** Noise, inputs and targets for given clean crops. */
    DsmBatch corrupt(double[][] clean, Random rng, double fixedSigma) {
        int batch = clean.length;
        int npix = crop * crop;
        float[] input = new float[batch * npix * 3];
        float[] target = new float[batch * npix];
        double[] sigmas = new double[batch];
        for (int b = 0; b < batch; b++) {
            double s = Double.isNaN(fixedSigma) ? sigma.draw(rng) : fixedSigma;
            sigmas[b] = s;
            double[] u = new double[npix];
            double[] noisy = new double[npix];
            for (int i = 0; i < npix; i++) {
                u[i] = rng.nextGaussian();
                noisy[i] = clean[b][i] + s * u[i]; // x' = x + σu
            }
            double[] th = prior.score(noisy, s);
            double[] seen = window.isIdentity() ? noisy : window.apply(noisy);
            encoding.encode(seen, window.isIdentity() ? th : prior.score(seen, s), s, input, b); // the network sees H·x'
            for (int i = 0; i < npix; i++) {
                target[b * npix + i] = (float) (u[i] + s * th[i]); // u + σ s_th,σ(x')
            }
        }
        return new DsmBatch(input, target, sigmas, batch, crop);
    }
}
