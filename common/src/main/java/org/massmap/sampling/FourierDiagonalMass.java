package org.massmap.sampling;

import java.util.random.RandomGenerator;
import org.massmap.fft.Fft2;

/**
 * A mass matrix diagonal in the Fourier basis, M = F⁻¹ diag(m_k) F with m_k &gt; 0 per mode
 * (k = 0 excluded). Choosing m_k ≈ the posterior precision of mode k makes every direction of a
 * Gaussian posterior move at the same speed, so a few leapfrog steps decorrelate all scales.
 * Momentum p = IFFT(√m · FFT(w)), velocity IFFT(FFT(p)/m), kinetic energy ½(1/N)Σ_k |p̂_k|²/m_k.
 */
public final class FourierDiagonalMass implements MassMatrix {
    private final Fft2 fft;
    private final double[] mass;

    /** @param massPerMode m_k per FFT index (row-major ny×nx); entry 0 is ignored */
    public FourierDiagonalMass(Fft2 fft, double[] massPerMode) {
        if (massPerMode.length != fft.nx() * fft.ny()) {
            throw new IllegalArgumentException("mass needs one value per Fourier mode");
        }
        for (int k = 1; k < massPerMode.length; k++) {
            if (!(massPerMode[k] > 0) || !Double.isFinite(massPerMode[k])) {
                throw new IllegalArgumentException("mass must be positive and finite; mode " + k + " has " + massPerMode[k]);
            }
        }
        this.fft = fft;
        this.mass = massPerMode.clone();
    }

    @Override
    public void drawMomentum(RandomGenerator rng, double[] p) {
        int n = p.length;
        double[] c = new double[2 * n];
        for (int i = 0; i < n; i++) {
            c[2 * i] = rng.nextGaussian();
        }
        fft.forward(c);
        scale(c, 0.5);
        fft.inverse(c);
        for (int i = 0; i < n; i++) {
            p[i] = c[2 * i];
        }
    }

    @Override
    public void velocity(double[] p, double[] v) {
        double[] c = fft.forwardReal(p);
        scale(c, -1);
        fft.inverse(c);
        for (int i = 0; i < v.length; i++) {
            v[i] = c[2 * i];
        }
    }

    @Override
    public double kineticEnergy(double[] p) {
        double[] c = fft.forwardReal(p);
        double s = 0;
        for (int k = 1; k < mass.length; k++) {
            s += (c[2 * k] * c[2 * k] + c[2 * k + 1] * c[2 * k + 1]) / mass[k];
        }
        return 0.5 * s / p.length;
    }

    /** Multiplies each mode by m_k^power, zeroing k = 0. */
    private void scale(double[] c, double power) {
        c[0] = 0;
        c[1] = 0;
        for (int k = 1; k < mass.length; k++) {
            double f = power == 0.5 ? Math.sqrt(mass[k]) : power == -1 ? 1 / mass[k] : Math.pow(mass[k], power);
            c[2 * k] *= f;
            c[2 * k + 1] *= f;
        }
    }
}
