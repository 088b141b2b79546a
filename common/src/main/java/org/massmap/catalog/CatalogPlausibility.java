package org.massmap.catalog;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Catalog-wide plausibility of the usable galaxies, for warnings (never errors): ellipticities that
 * look like percent, positions that look like radians. Judged on the catalog as a whole, not per
 * row: real catalogs hold a few |e| > 1 (0.9% of the HST/COSMOS shape catalog), which is no reason
 * to warn. Mergeable over disjoint chunks; mutable, not thread-safe.
 */
public final class CatalogPlausibility implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Per-component rms ellipticity above which the values look like percent (real catalogs: 0.2-0.4). */
    public static final double MAX_RMS = 1.0;
    /** Fraction of |e| > 1 above which the catalog as a whole is implausible (COSMOS: 0.009). */
    static final double MAX_FRACTION_ABOVE_ONE = 0.1;

    private long n;
    private long aboveOne;
    private double sumE2;
    private double raMin = Double.POSITIVE_INFINITY;
    private double raMax = Double.NEGATIVE_INFINITY;
    private double decAbsMax;

    /** Adds the usable galaxies of {@code chunk}. */
    public void add(GalaxyChunk chunk) {
        for (int i = 0; i < chunk.size(); i++) {
            double e1 = chunk.e1()[i];
            double e2 = chunk.e2()[i];
            double e = e1 * e1 + e2 * e2;
            sumE2 += e;
            aboveOne += e > 1 ? 1 : 0;
            raMin = Math.min(raMin, chunk.ra()[i]);
            raMax = Math.max(raMax, chunk.ra()[i]);
            decAbsMax = Math.max(decAbsMax, Math.abs(chunk.dec()[i]));
        }
        n += chunk.size();
    }

    public void merge(CatalogPlausibility o) {
        n += o.n;
        aboveOne += o.aboveOne;
        sumE2 += o.sumE2;
        raMin = Math.min(raMin, o.raMin);
        raMax = Math.max(raMax, o.raMax);
        decAbsMax = Math.max(decAbsMax, o.decAbsMax);
    }

    /** Per-component rms ellipticity, sqrt(Σ(e1² + e2²) / 2n). */
    public double rmsPerComponent() {
        return n == 0 ? 0 : Math.sqrt(sumE2 / (2.0 * n));
    }

    /** What looks wrong with the catalog as a whole (empty when nothing does). */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        if (n < 10) {
            return out;
        }
        double fraction = aboveOne / (double) n;
        if (rmsPerComponent() > MAX_RMS || fraction > MAX_FRACTION_ABOVE_ONE) {
            out.add(String.format(Locale.ROOT, "ellipticities look like percent or another convention: per-component rms %.3g and"
                    + " %.1f%% of galaxies with |e| > 1 (shear catalogs: rms 0.2-0.4, |e| > 1 rare); if they are percent, divide"
                    + " e1 and e2 by 100", rmsPerComponent(), 100 * fraction));
        }
        if (raMin >= 0 && raMax <= 2 * Math.PI && decAbsMax <= Math.PI / 2) {
            out.add(String.format(Locale.ROOT, "every position lies within RA [0, 2π] and |Dec| <= π/2 (RA %.4g to %.4g, |Dec| <= %.4g):"
                    + " if RA and Dec are in radians, convert them to degrees", raMin, raMax, decAbsMax));
        }
        return out;
    }
}
