package org.massmap.wiener;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.massmap.lensing.GaussianSmoother;
import org.massmap.lensing.KaiserSquires;
import org.massmap.lensing.ShearLikelihood;
import org.massmap.lensing.ShearModel;
import org.massmap.prior.PowerMap;

/** On reduced-shear data of a strong κ, the fixed point removes the shear approximation's bias. */
class ReducedShearWienerTest {
    static final int N = 32;

    @Test
    void fixedPointRecoversAStrongLensBetterThanTheShearApproximation() {
        double[] kappa = new double[N * N];
        kappa[(N / 2) * N + N / 2] = 1;
        kappa = new GaussianSmoother(N, N, 2.5).smooth(kappa);
        double peak = Arrays.stream(kappa).max().orElseThrow();
        double mean = Arrays.stream(kappa).average().orElseThrow();
        for (int i = 0; i < kappa.length; i++) {
            kappa[i] = 0.35 * (kappa[i] - mean) / peak; // a 0.35 peak: reduced shear matters
        }
        KaiserSquires ks = new KaiserSquires(N, N);
        double[][] gamma = ks.forward(kappa, new double[N * N]);
        double[] g1 = new double[N * N];
        double[] g2 = new double[N * N];
        for (int i = 0; i < g1.length; i++) {
            g1[i] = gamma[0][i] / (1 - kappa[i]);
            g2[i] = gamma[1][i] / (1 - kappa[i]);
        }
        double[] noise = new double[N * N];
        Arrays.fill(noise, 1e-3);
        boolean[] all = new boolean[N * N];
        Arrays.fill(all, true);
        double[] perMode = new double[N * N];
        Arrays.fill(perMode, 10.0); // a prior so wide the filter follows the data
        PowerMap power = PowerMap.of(N, N, perMode);
        ShearLikelihood reduced = new ShearLikelihood(ks, g1, g2, noise, all, ShearModel.REDUCED_SHEAR);

        double plain = rmse(ReducedShearWiener.of(reduced, power, 1e-10, 500, 0).kappa(), kappa);
        double fixed = rmse(ReducedShearWiener.of(reduced, power, 1e-10, 500, 8).kappa(), kappa);
        assertTrue(fixed < plain / 5, "fixed point " + fixed + " against shear approximation " + plain);

        ShearLikelihood shear = new ShearLikelihood(ks, g1, g2, noise, all, ShearModel.SHEAR);
        assertArrayEquals(new GaussianPosterior(shear, power, 0).wienerFilter(1e-10, 500).kappa(),
                ReducedShearWiener.of(shear, power, 1e-10, 500, 8).kappa(), 0.0, "shear data: the plain filter");
    }

    private static double rmse(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s / a.length);
    }
}
