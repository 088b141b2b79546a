package org.massmap.theory;

/** A normalised continuous source density n(z), smooth between its knots, zero outside [first, last] knot. */
interface RedshiftDensity {
    /** Normalised n(z) (per unit redshift). */
    double density(double z);

    /** Increasing redshifts where n(z) may have kinks; the first and last bound its support. */
    double[] knots();
}
