package org.massmap.pipeline;

import org.massmap.catalog.BinnedShear;
import org.massmap.grid.TileEmbedding;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.KaiserSquires;
import org.massmap.lensing.KaiserSquiresMaps;
import org.massmap.lensing.ShearLikelihood;
import org.massmap.lensing.ShearModel;
import org.massmap.prior.PowerMap;
import org.massmap.theory.ConvergenceSpectrum;

/** Builds the inference ingredients of a binned tile: its likelihood and the prior power map. */
public final class TileInference {
    private TileInference() {
    }

    /** The masked Gaussian shear likelihood of binned data; a tile with no galaxies is an error. */
    public static ShearLikelihood likelihood(BinnedShear b, ShearModel model) {
        TileGrid g = b.grid();
        if (b.occupiedPixels() == 0) {
            throw new IllegalArgumentException("tile at " + g.centre() + " has no galaxies: nothing to infer");
        }
        return new ShearLikelihood(new KaiserSquires(g.nx(), g.ny()), b.gamma1(), b.gamma2(), b.noiseSigma(), b.mask(), model);
    }

    /** The prior power map of the tile from a C_ℓ. */
    public static PowerMap power(TileGrid grid, ConvergenceSpectrum cl) {
        return PowerMap.fromCl(grid, cl::cl);
    }

    /**
     * The Kaiser-Squires maps of a tile computed on the larger periodic grid of {@code e} (empty
     * margin: γ = 0 there) and cropped back to the tile, each map's tile mean removed (the
     * Kaiser-Squires zero-mean convention on the tile). For the identity embedding exactly
     * {@link KaiserSquiresMaps#of}.
     */
    public static KaiserSquiresMaps kaiserSquires(BinnedShear b, TileEmbedding e, double smoothArcmin) {
        if (e.isIdentity()) {
            return KaiserSquiresMaps.of(b, smoothArcmin);
        }
        KaiserSquiresMaps outer = KaiserSquiresMaps.of(b.embeddedIn(e), smoothArcmin);
        return new KaiserSquiresMaps(e.tile(), zeroMean(e.crop(outer.kappaE())), zeroMean(e.crop(outer.kappaB())), smoothArcmin);
    }

    private static double[] zeroMean(double[] map) {
        double mean = 0;
        for (double v : map) {
            mean += v;
        }
        mean /= map.length;
        for (int i = 0; i < map.length; i++) {
            map[i] -= mean;
        }
        return map;
    }
}
