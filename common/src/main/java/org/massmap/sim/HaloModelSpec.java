package org.massmap.sim;

/**
 * The mass range of the simulated halos (section {@code simulation.halos}).
 *
 * @param m200Min smallest M200c, M_sun/h (≈10¹³: below it halos barely matter for the map, and
 *                the lognormal component carries their power)
 * @param m200Max largest M200c, M_sun/h (≈3×10¹⁵: above it the mass function is negligible)
 */
public record HaloModelSpec(double m200Min, double m200Max) implements java.io.Serializable {
    /** The defaults: 10¹³ to 3×10¹⁵ M_sun/h. */
    public static final HaloModelSpec DEFAULT = new HaloModelSpec(1e13, 3e15);

    public HaloModelSpec {
        if (!(m200Min > 0) || !(m200Max > m200Min) || !Double.isFinite(m200Max)) {
            throw new IllegalArgumentException("simulation.halos needs 0 < m200-min < m200-max (M_sun/h), got "
                    + m200Min + " and " + m200Max);
        }
    }
}
