package org.massmap.theory;

import java.util.function.DoubleUnaryOperator;

/**
 * Non-linear matter power P_NL(k, z) from {@link Halofit} (Takahashi et al. 2012) applied to a
 * {@link LinearPower}. k in h/Mpc, P in (Mpc/h)³.
 *
 * <p>For w0-wa models the Takahashi dark-energy terms use w = w0, the constant-w value, as CCL and
 * CLASS do; Takahashi et al. calibrated constant-w models only. Immutable and thread-safe.
 */
public final class HalofitPower implements MatterPower {
    private final LinearPower linear;
    private final Background background;
    private final Halofit halofit;

    public HalofitPower(LinearPower linear) {
        this.linear = linear;
        this.background = linear.growth().background();
        this.halofit = new Halofit(linear::powerToday);
    }

    @Override
    public double power(double k, double z) {
        return atRedshift(z).applyAsDouble(k);
    }

    @Override
    public DoubleUnaryOperator atRedshift(double z) {
        Halofit.Snapshot s = snapshot(z);
        DoubleUnaryOperator lin = linear.atRedshift(z);
        return k -> s.power(k, lin.applyAsDouble(k));
    }

    /** The halofit scales and coefficients at redshift z. */
    public Halofit.Snapshot snapshot(double z) {
        return halofit.at(linear.growth().growth(z), background.omegaMatter(z), background.omegaDarkEnergy(z),
                background.params().w0());
    }

    public LinearPower linear() {
        return linear;
    }
}
