package org.massmap.prior;

import java.util.random.RandomGenerator;
import org.massmap.fft.Fft2;

/**
 * Draws zero-mean Gaussian random fields with a given power map: κ = IFFT(√(P + extra) · FFT(w))
 * with white unit-variance w, real by construction (√P is even in k). Thread-safe; randomness comes
 * only from the generator passed in.
 */
public final class GaussianFieldGenerator {
    private final PowerMap power;
    private final Fft2 fft;

    public GaussianFieldGenerator(PowerMap power) {
        this.power = power;
        this.fft = new Fft2(power.nx(), power.ny());
    }

    /** One draw from N(0, S). */
    public double[] draw(RandomGenerator rng) {
        return draw(rng, 0.0);
    }

    /** One draw from N(0, S + σ²I) restricted to zero mean (the tempered prior). */
    public double[] draw(RandomGenerator rng, double sigma) {
        int n = power.nx() * power.ny();
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = rng.nextGaussian();
        }
        double[] c = fft.forwardReal(w);
        c[0] = 0;
        c[1] = 0;
        double s2 = sigma * sigma;
        for (int i = 1; i < n; i++) {
            double a = Math.sqrt(power.at(i) + s2);
            c[2 * i] *= a;
            c[2 * i + 1] *= a;
        }
        fft.inverse(c);
        return Fft2.real(c);
    }
}
