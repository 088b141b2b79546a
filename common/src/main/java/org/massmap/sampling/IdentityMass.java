package org.massmap.sampling;

import java.util.random.RandomGenerator;
import org.massmap.stats.MeanRemoval;

/** The identity mass matrix (the reference implementation's choice), projected to zero-mean maps. */
public final class IdentityMass implements MassMatrix {
    static final IdentityMass INSTANCE = new IdentityMass();

    private IdentityMass() {
    }

    @Override
    public void drawMomentum(RandomGenerator rng, double[] p) {
        for (int i = 0; i < p.length; i++) {
            p[i] = rng.nextGaussian();
        }
        MeanRemoval.removeMean(p);
    }

    @Override
    public void velocity(double[] p, double[] v) {
        System.arraycopy(p, 0, v, 0, p.length);
    }

    @Override
    public double kineticEnergy(double[] p) {
        double s = 0;
        for (double x : p) {
            s += x * x;
        }
        return 0.5 * s;
    }
}
