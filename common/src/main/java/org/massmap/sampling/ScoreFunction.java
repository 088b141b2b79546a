package org.massmap.sampling;

/**
 * A prior score s(κ, σ) = ∇_κ log p_σ(κ), where p_σ is the prior convolved with N(0, σ²) per
 * pixel (Remy et al. 2020, eqs. 2 and 4), evaluated for a batch of maps that each carry their own
 * σ, so independent chains may anneal at their own pace.
 *
 * <p>Maps are flat row-major ny×nx arrays (index iy·nx + ix). Implementations must give each map
 * the same score whether it is evaluated alone or inside a batch, and document whether one
 * instance may be used from several threads at once.
 */
public interface ScoreFunction {

    /** Columns of the maps this function accepts. */
    int nx();

    /** Rows of the maps this function accepts. */
    int ny();

    /**
     * Writes s(maps[b], sigmas[b]) into out[b] for every b. {@code out} arrays are preallocated by
     * the caller, of the same length as the maps, and may not alias them.
     */
    void score(double[][] maps, double[] sigmas, double[][] out);

    /** Convenience for a single map. */
    default double[] score(double[] map, double sigma) {
        double[][] out = {new double[map.length]};
        score(new double[][] {map}, new double[] {sigma}, out);
        return out[0];
    }
}
