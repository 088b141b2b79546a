package org.massmap.validation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The study's power spectra relative to the truth, over realisations: per ℓ band, the mean over
 * realisations of an estimate's windowed band power divided by the mean over realisations of the
 * truth's on the same windows (a ratio of averages; the mean of per-realisation ratios is biased high
 * where the truth's band power scatters, i.e. in the lowest bands).
 *
 * @param ell                   mean multipole of each band
 * @param ratio                 per estimate (in table order: "kaiser_squires_smoothed", "wiener", then the
 *                              posterior methods), ⟨C_ℓ(estimate)⟩ / ⟨C_ℓ(truth)⟩ per band
 * @param areaFraction          the footprint's unmasked pixels / all pixels, mean over realisations
 * @param effectiveAreaFraction mean w² of the apodised window, mean over realisations
 * @param realisations          realisations averaged
 */
public record StudySpectra(double[] ell, Map<String, double[]> ratio, double areaFraction, double effectiveAreaFraction,
        int realisations) {

    public StudySpectra {
        ratio = Collections.unmodifiableMap(new LinkedHashMap<>(ratio));
    }

    /** Aggregates the realisations' band powers for {@code keys}, in that order; every realisation must have every key. */
    public static StudySpectra of(List<BandPowers> realisations, List<String> keys) {
        if (realisations.isEmpty()) {
            throw new IllegalArgumentException("no realisations to average");
        }
        double[] ell = realisations.get(0).ell();
        double[] truth = new double[ell.length];
        double area = 0;
        double effective = 0;
        for (BandPowers p : realisations) {
            add(truth, p.truth());
            area += p.areaFraction() / realisations.size();
            effective += p.effectiveAreaFraction() / realisations.size();
        }
        Map<String, double[]> ratio = new LinkedHashMap<>();
        for (String key : keys) {
            double[] sum = new double[ell.length];
            for (BandPowers p : realisations) {
                double[] e = p.estimates().get(key);
                if (e == null) {
                    throw new IllegalArgumentException("a realisation has no band powers of " + key);
                }
                add(sum, e);
            }
            for (int b = 0; b < sum.length; b++) {
                sum[b] /= truth[b];
            }
            ratio.put(key, sum);
        }
        return new StudySpectra(ell, ratio, area, effective, realisations.size());
    }

    private static void add(double[] sum, double[] v) {
        if (v.length != sum.length) {
            throw new IllegalArgumentException("band powers of " + v.length + " bands, expected " + sum.length);
        }
        for (int b = 0; b < sum.length; b++) {
            sum[b] += v[b];
        }
    }

    /** The ratios in table order. */
    List<double[]> series() {
        return new ArrayList<>(ratio.values());
    }

    /** The report's section: how the spectra were measured, then one row per band and one column per estimate. */
    String markdown(List<String> columns) {
        StringBuilder sb = new StringBuilder("\n### Power spectra of samples relative to the truth (mean over realisations)\n\n");
        sb.append(String.format(Locale.ROOT, "Pseudo-C_ℓ on the observed footprint, every map (minus its weighted mean) windowed by"
                + " the same footprint apodised with a Gaussian of σ = %.0f pixels. The footprint covers %.3f of the tile's pixels"
                + " (area fraction); the window's mean w² is %.3f (effective area fraction, the factor that scales a pseudo-C_ℓ);"
                + " means over %d realisations. Each entry is the mean over realisations of the estimate's band power divided by"
                + " the mean of the truth's (a ratio of averages).%n%n| ℓ |", FootprintWindow.APODISATION_PIXELS, areaFraction,
                effectiveAreaFraction, realisations));
        columns.forEach(c -> sb.append(' ').append(c).append(" |"));
        sb.append("\n|---|").append("---|".repeat(columns.size())).append('\n');
        List<double[]> series = series();
        for (int b = 0; b < ell.length; b++) {
            sb.append(String.format(Locale.ROOT, "| %.0f |", ell[b]));
            for (double[] s : series) {
                sb.append(String.format(Locale.ROOT, " %.2f |", s[b]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
