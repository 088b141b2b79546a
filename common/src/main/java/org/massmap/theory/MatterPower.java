package org.massmap.theory;

import java.util.function.DoubleUnaryOperator;

/** Matter power spectrum P(k, z): k in h/Mpc, P in (Mpc/h)³, 0 ≤ z ≤ {@link Background#MAX_REDSHIFT}. */
public interface MatterPower {
    /** P(k, z) in (Mpc/h)³ for k &gt; 0 in h/Mpc. */
    double power(double k, double z);

    /**
     * P(·, z) at a fixed redshift. Implementations override this when per-redshift work (growth,
     * non-linear scales) can be shared across many k, as in the Limber integral.
     */
    default DoubleUnaryOperator atRedshift(double z) {
        return k -> power(k, z);
    }
}
