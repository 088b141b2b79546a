package org.massmap.sampling;

import java.util.List;
import java.util.Random;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.KaiserSquires;
import org.massmap.lensing.ShearLikelihood;
import org.massmap.lensing.ShearModel;
import org.massmap.prior.GaussianFieldGenerator;
import org.massmap.prior.GaussianPrior;
import org.massmap.prior.PowerMap;
import org.massmap.wiener.DiagonalGaussianPosterior;

/** Scratch experiment (not a test). */
public class SamplerExperiment {
    static double cl(double ell) {
        return 2e-9 * Math.pow(ell / 1000.0, -1.1) * Math.exp(-ell / 30000.0);
    }

    public static void main(String[] a) {
        int npix = Integer.parseInt(a[0]);
        MassKind mass = MassKind.valueOf(a[1]);
        Schedule sched = Schedule.valueOf(a[2]);
        int levels = Integer.parseInt(a[3]);
        int steps = Integer.parseInt(a[4]);
        int finalSteps = Integer.parseInt(a[5]);
        int chains = Integer.parseInt(a[6]);
        double noise = 0.1;
        TileGrid grid = TileGrid.square(npix, 1.0, new SkyPoint(10, 0));
        PowerMap p = PowerMap.fromCl(grid, SamplerExperiment::cl);
        Random rng = new Random(1);
        double[] truth = new GaussianFieldGenerator(p).draw(rng);
        KaiserSquires ks = new KaiserSquires(npix, npix);
        double[][] g = ks.forward(truth, null);
        double[] sn = new double[truth.length];
        boolean[] mask = new boolean[truth.length];
        for (int i = 0; i < truth.length; i++) {
            g[0][i] += noise * rng.nextGaussian();
            g[1][i] += noise * rng.nextGaussian();
            sn[i] = noise;
            mask[i] = true;
        }
        ShearLikelihood like = new ShearLikelihood(ks, g[0], g[1], sn, mask, ShearModel.SHEAR);
        GaussianApproximation approx = new GaussianApproximation(like, p);
        double smin = approx.sigmaMin(0.01, 1.0);
        System.out.printf("pixel std %.4g, sigmaMin(1%%) %.3g%n", Math.sqrt(approx.pixelVariance(0)), smin);
        HmcSettings s = new HmcSettings(sched, Double.parseDouble(a[7]), smin, levels, steps, 0.98, 10, 100000, finalSteps, 3,
                mass == MassKind.FOURIER ? 0.5 : 0.013, 0.7, mass, false, 8, 0);
        double[] start = ks.inverse(g[0], g[1])[0];
        long t0 = System.nanoTime();
        List<ChainResult> res = new PosteriorSampler(new TemperedPosterior(like, new GaussianPrior(p)), approx, s)
                .sample(start, 42, "t", 0, chains, 8, 2, null);
        double secs = (System.nanoTime() - t0) * 1e-9;
        DiagonalGaussianPosterior exact = new DiagonalGaussianPosterior(ks, p, noise);
        double[] mean = exact.mean(g[0], g[1]);
        double var0 = exact.pixelVariance();
        int n = truth.length;
        double[] m = new double[n];
        double[] v = new double[n];
        int ok = 0;
        long evals = 0;
        double acc = 0;
        for (ChainResult r : res) {
            evals += r.diagnostics().scoreEvaluations();
            acc += r.diagnostics().acceptanceRate();
            if (r.sample() == null) { System.out.println(r.diagnostics().failure()); continue; }
            ok++;
            for (int i = 0; i < n; i++) {
                m[i] += r.sample()[i];
            }
        }
        for (int i = 0; i < n; i++) m[i] /= ok;
        for (ChainResult r : res) {
            if (r.sample() == null) continue;
            for (int i = 0; i < n; i++) v[i] += (r.sample()[i] - mean[i]) * (r.sample()[i] - mean[i]) / ok;
        }
        double err = 0, vm = 0;
        for (int i = 0; i < n; i++) { err += (m[i] - mean[i]) * (m[i] - mean[i]) / n; vm += v[i] / n; }
        System.out.printf("chains %d evals/chain %.0f acc %.2f time %.1fs | mean err rms/std %.3f (MC expect %.3f) | std ratio %.4f%n",
                ok, evals / (double) chains, acc / chains, secs, Math.sqrt(err / var0), 1 / Math.sqrt(ok), Math.sqrt(vm / var0));
    }
}
