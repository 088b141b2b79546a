package org.massmap.output;

import java.nio.file.Path;
import java.util.List;
import org.massmap.catalog.BinnedShear;
import org.massmap.grid.TileGrid;
import org.massmap.io.MassmapIoException;
import org.massmap.io.SkyMap;
import org.massmap.io.fits.FitsKeywords;
import org.massmap.io.fits.FitsMaps;
import org.massmap.io.fits.MapHdu;
import org.massmap.io.fits.Provenance;
import org.massmap.io.plot.MapFigure;
import org.massmap.lensing.KaiserSquiresMaps;
import org.massmap.wiener.WienerResult;

/**
 * Writes the standard per-tile files into a directory: the binned data (shear.fits with GAMMA1 and
 * GAMMA2 images, noise.fits, mask.fits with MASK and COUNTS), Kaiser-Squires maps
 * (kappa_ks_e.fits, kappa_ks_b.fits, kappa_ks_e.png) and the Wiener-filter map (kappa_wiener.fits,
 * kappa_wiener.png). Units: κ, γ and σ_n are dimensionless.
 */
public final class TileProducts {
    private TileProducts() {
    }

    /** shear.fits, noise.fits and mask.fits of binned data. */
    public static void writeBinned(Path dir, BinnedShear b, Provenance prov) throws MassmapIoException {
        double[] mask = maskValues(b.mask());
        FitsMaps.write(dir.resolve("shear.fits"), prov, SkyMap.of("GAMMA1", b.grid(), b.gamma1()).masked(mask),
                SkyMap.of("GAMMA2", b.grid(), b.gamma2()).masked(mask));
        double[] sigma = b.noiseSigma();
        for (int i = 0; i < sigma.length; i++) {
            if (!Double.isFinite(sigma[i])) {
                sigma[i] = Double.NaN;
            }
        }
        FitsMaps.write(dir.resolve("noise.fits"), prov, SkyMap.of("NOISE", b.grid(), sigma));
        int[] counts = b.counts();
        double[] c = new double[counts.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = counts[i];
        }
        FitsMaps.write(dir.resolve("mask.fits"), prov, SkyMap.of("MASK", b.grid(), mask),
                new SkyMap("COUNTS", "count", b.grid(), c)); // galaxies per pixel; "count" is the FITS standard unit
    }

    /** kappa_ks_e.fits, kappa_ks_b.fits and the kappa_ks_e.png preview. */
    public static void writeKaiserSquires(Path dir, KaiserSquiresMaps ks, Provenance prov) throws MassmapIoException {
        FitsKeywords extra = FitsKeywords.empty().with("SMOOTH", ks.smoothArcmin());
        FitsMaps.write(dir.resolve("kappa_ks_e.fits"), prov, List.of(
                new MapHdu(SkyMap.of("KAPPA_KS_E", ks.grid(), ks.kappaE()), extra)));
        FitsMaps.write(dir.resolve("kappa_ks_b.fits"), prov, List.of(
                new MapHdu(SkyMap.of("KAPPA_KS_B", ks.grid(), ks.kappaB()), extra)));
        String title = ks.smoothArcmin() > 0
                ? String.format(java.util.Locale.ROOT, "Kaiser-Squires κ_E (smoothed %.2g′)", ks.smoothArcmin())
                : "Kaiser-Squires κ_E";
        MapFigure.single(SkyMap.of("KAPPA_KS_E", ks.grid(), ks.kappaE()), title).writePng(dir.resolve("kappa_ks_e.png"));
    }

    /**
     * kappa_wiener.fits: the Wiener-filter map on the whole grid (not masked), with its conjugate-gradient
     * iterations (WFITER) and relative residual (WFRESID).
     */
    public static void writeWiener(Path dir, TileGrid grid, WienerResult wf, Provenance prov) throws MassmapIoException {
        FitsKeywords extra = FitsKeywords.empty().with("WFITER", wf.iterations()).with("WFRESID", wf.relativeResidual());
        FitsMaps.write(dir.resolve("kappa_wiener.fits"), prov, List.of(new MapHdu(SkyMap.of("KAPPA_WIENER", grid, wf.kappa()), extra)));
    }

    /** kappa_wiener.png: the Wiener-filter map outside the mask left blank. */
    public static void writeWienerPreview(Path dir, TileGrid grid, WienerResult wf, boolean[] mask) throws MassmapIoException {
        MapFigure.single(SkyMap.of("KAPPA_WIENER", grid, wf.kappa()).masked(maskValues(mask)), "Wiener filter κ")
                .writePng(dir.resolve("kappa_wiener.png"));
    }

    /** 1 where observed, 0 elsewhere. */
    public static double[] maskValues(boolean[] mask) {
        double[] m = new double[mask.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = mask[i] ? 1 : 0;
        }
        return m;
    }
}
