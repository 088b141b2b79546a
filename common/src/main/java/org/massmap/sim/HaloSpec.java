package org.massmap.sim;

/**
 * How many halos a mock survey gets and how massive they are.
 *
 * @param perDeg2  mean number of halos per square degree (0 = none)
 * @param massMin  smallest M200c, M_sun/h
 * @param massMax  largest M200c, M_sun/h
 * @param slope    power-law slope of dn/dM ∝ M^−slope
 * @param redshift lens redshift of every halo
 */
public record HaloSpec(double perDeg2, double massMin, double massMax, double slope, double redshift) {
    public HaloSpec {
        if (perDeg2 < 0) {
            throw new IllegalArgumentException("halos.per-deg2 must be >= 0, got " + perDeg2);
        }
        if (!(massMin > 0) || massMax < massMin) {
            throw new IllegalArgumentException("halos need 0 < halos.m200-min <= halos.m200-max");
        }
        if (!(redshift > 0)) {
            throw new IllegalArgumentException("halos.redshift must be positive, got " + redshift);
        }
    }
}
