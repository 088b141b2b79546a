package org.massmap.catalog;

import java.util.random.RandomGenerator;

/**
 * Shape-noise-only copies of a catalog: every galaxy's ellipticity turned by its own uniform random
 * angle, e → e·exp(2iφ) with φ uniform in [0, π), keeping |e|, position and weight. This erases the
 * lensing signal (and any fixed convention) and keeps the exact noise of the catalog: binned, it is
 * the null reference for E/B power and for stacked shear. Stateless.
 */
public final class RandomRotation {
    private RandomRotation() {
    }

    /** A rotated copy of the first {@code galaxies.size()} galaxies, drawing one angle per galaxy from {@code rng}. */
    public static GalaxyChunk of(GalaxyChunk galaxies, RandomGenerator rng) {
        int n = galaxies.size();
        GalaxyChunk out = new GalaxyChunk(Math.max(1, n));
        double[] e1 = galaxies.e1();
        double[] e2 = galaxies.e2();
        for (int i = 0; i < n; i++) {
            double twoPhi = 2 * Math.PI * rng.nextDouble();
            double c = Math.cos(twoPhi);
            double s = Math.sin(twoPhi);
            out.add(galaxies.ra()[i], galaxies.dec()[i], e1[i] * c - e2[i] * s, e1[i] * s + e2[i] * c, galaxies.w()[i]);
        }
        return out;
    }
}
