package org.massmap.theory;

/** All sources at one redshift: n(z) = δ(z − z_s). Lensing efficiency q(χ) = (χ_s − χ)/χ_s for χ &lt; χ_s. */
public final class SourcePlane implements SourceDistribution {
    private final double redshift;

    SourcePlane(double redshift) {
        if (!(redshift > 0 && redshift <= Background.MAX_REDSHIFT)) {
            throw new IllegalArgumentException("source plane redshift zs = " + redshift
                    + " is outside the supported range (0, " + Background.MAX_REDSHIFT + "]");
        }
        this.redshift = redshift;
    }

    /** The source redshift z_s. */
    public double redshift() {
        return redshift;
    }

    @Override
    public double maxRedshift() {
        return redshift;
    }

    @Override
    public String describe() {
        return "plane:" + redshift;
    }
}
