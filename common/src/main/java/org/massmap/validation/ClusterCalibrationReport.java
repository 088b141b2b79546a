package org.massmap.validation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.massmap.io.MassmapIoException;
import org.massmap.io.plot.LinePlot;
import org.massmap.validation.ClusterCalibration.Case;
import org.massmap.validation.ClusterCalibration.Detection;
import org.massmap.validation.ClusterCalibration.Realisation;

/**
 * The cluster-frequency calibration's statistics ({@link ClusterCalibration}): for each frequency
 * threshold f, the false candidates per deg² (candidates with frequency ≥ f; Poisson error √n over
 * the total area, a 95% upper limit 3/area when none) and the fraction of realisations with any
 * (binomial error), on halo-free and noise-only posteriors; the fraction of random positions whose
 * frequency is ≥ f; the injected halos' frequency and completeness against their true S/N. For the
 * product's detector and for the one with the exact σ_S. Immutable.
 */
public final class ClusterCalibrationReport {
    /** Frequency thresholds of the tables. */
    static final double[] THRESHOLDS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
    /** Tolerance of "frequency ≥ f" (frequencies are multiples of 1/S). */
    private static final double EPS = 1e-9;

    /**
     * A rate with its error.
     *
     * @param count events
     * @param value the rate (count / exposure)
     * @param error its 1σ error (Poisson or binomial); NaN when {@code count} is 0
     * @param upper95 a 95% upper limit when {@code count} is 0 (3 / exposure), else NaN
     */
    public record Rate(long count, double value, double error, double upper95) {
        static Rate poisson(long n, double exposure) {
            return new Rate(n, n / exposure, n == 0 ? Double.NaN : Math.sqrt(n) / exposure, n == 0 ? 3 / exposure : Double.NaN);
        }

        static Rate binomial(long k, long trials) {
            double p = (double) k / trials;
            return new Rate(k, p, k == 0 ? Double.NaN : Math.sqrt(p * (1 - p) / trials), k == 0 ? 3.0 / trials : Double.NaN);
        }

        String text(String format) {
            if (count == 0) {
                return "0 (< " + String.format(Locale.ROOT, format, upper95) + ")";
            }
            return String.format(Locale.ROOT, format + " ± " + format, value, error);
        }
    }

    /**
     * One threshold's false-positive statistics on one kind of posterior with one detector.
     *
     * @param perDeg2      candidates with frequency ≥ f per deg²
     * @param anyFraction  fraction of realisations with at least one
     * @param randomFraction fraction of random positions with frequency ≥ f
     */
    public record FalsePositives(double threshold, Rate perDeg2, Rate anyFraction, Rate randomFraction) {
    }

    /**
     * Injected halos in one S/N bin.
     *
     * @param halos           halos in the bin
     * @param meanFrequency   mean frequency at the halo's pixel
     * @param frequencyError  its standard error
     * @param completeness    per threshold of {@link #THRESHOLDS}, the fraction with a candidate ≥ f within the radius
     */
    public record SnrBin(double snrLow, double snrHigh, int halos, double meanFrequency, double frequencyError, double[] completeness) {
    }

    private final String prior;
    private final List<Realisation> runs;
    private final double[] fieldAtHalo;

    /** A report without the field's S/N at the halos. */
    public ClusterCalibrationReport(String prior, List<Realisation> runs) {
        this(prior, runs, null);
    }

    /**
     * @param fieldAtHalo per realisation, the halo-free field's own true S/N at the injected halo's pixel
     *                    ({@link ClusterCalibration.TruthStructure#snrAtHalo()}), or null
     */
    public ClusterCalibrationReport(String prior, List<Realisation> runs, double[] fieldAtHalo) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no realisations to report");
        }
        if (fieldAtHalo != null && fieldAtHalo.length != runs.size()) {
            throw new IllegalArgumentException("field S/N given for " + fieldAtHalo.length + " of " + runs.size() + " realisations");
        }
        this.prior = prior;
        this.runs = List.copyOf(runs);
        this.fieldAtHalo = fieldAtHalo == null ? null : fieldAtHalo.clone();
    }

    /** False-positive statistics per threshold of one kind ("halo_free", "noise_only") and detector ("product", "exact"). */
    public List<FalsePositives> falsePositives(String kind, String detector) {
        Function<Realisation, Case> pick = kind.equals("halo_free") ? Realisation::haloFree : Realisation::noiseOnly;
        List<FalsePositives> out = new ArrayList<>();
        for (double f : THRESHOLDS) {
            long n = 0;
            long any = 0;
            long above = 0;
            long positions = 0;
            double area = 0;
            for (Realisation r : runs) {
                Case c = pick.apply(r);
                Detection d = detector.equals("product") ? c.product() : c.exact();
                long k = count(d.candidates(), f);
                n += k;
                any += k > 0 ? 1 : 0;
                above += count(d.random(), f);
                positions += d.random().length;
                area += c.observedDeg2();
            }
            out.add(new FalsePositives(f, Rate.poisson(n, area), Rate.binomial(any, runs.size()), Rate.binomial(above, positions)));
        }
        return out;
    }

    /** Injected halos binned in their own true S/N (bins of width 1 from the floor of the smallest to the ceiling of the largest). */
    public List<SnrBin> detection(String detector) {
        double[] snr = runs.stream().mapToDouble(r -> r.halo().snr()).toArray();
        return detection(detector, snr);
    }

    /** The same binned in the true S/N of halo plus field at the halo's pixel (empty without the field's S/N). */
    public List<SnrBin> detectionWithField(String detector) {
        if (fieldAtHalo == null) {
            return List.of();
        }
        double[] snr = new double[runs.size()];
        for (int i = 0; i < snr.length; i++) {
            snr[i] = runs.get(i).halo().snr() + fieldAtHalo[i];
        }
        return detection(detector, snr);
    }

    private List<SnrBin> detection(String detector, double[] snr) {
        boolean product = detector.equals("product");
        double lo = Math.floor(min(snr));
        double hi = Math.ceil(max(snr));
        List<SnrBin> out = new ArrayList<>();
        for (double a = lo; a < hi; a++) {
            double b = a + 1;
            List<ClusterCalibration.Injection> in = new ArrayList<>();
            for (int i = 0; i < snr.length; i++) {
                if (snr[i] >= a && snr[i] < b) {
                    in.add(runs.get(i).halo());
                }
            }
            double[] completeness = new double[THRESHOLDS.length];
            double sum = 0;
            double sumSq = 0;
            for (ClusterCalibration.Injection h : in) {
                double f = product ? h.frequency() : h.frequencyExact();
                sum += f;
                sumSq += f * f;
                for (int t = 0; t < THRESHOLDS.length; t++) {
                    completeness[t] += (product ? h.candidate() : h.candidateExact()) >= THRESHOLDS[t] - EPS ? 1.0 / in.size() : 0;
                }
            }
            int n = in.size();
            double mean = n == 0 ? Double.NaN : sum / n;
            double sem = n < 2 ? Double.NaN : Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1)) / n);
            out.add(new SnrBin(a, b, n, mean, sem, n == 0 ? new double[THRESHOLDS.length] : completeness));
        }
        return out;
    }

    /** Mean frequency at random positions of one kind's posteriors (product detector) and its standard error over realisations. */
    public double[] randomMeanFrequency(String kind, String detector) {
        double[] perRun = new double[runs.size()];
        for (int i = 0; i < perRun.length; i++) {
            Case c = kind.equals("halo_free") ? runs.get(i).haloFree() : runs.get(i).noiseOnly();
            double[] f = (detector.equals("product") ? c.product() : c.exact()).random();
            double s = 0;
            for (double v : f) {
                s += v;
            }
            perRun[i] = s / f.length;
        }
        return meanAndError(perRun);
    }

    /** The smallest threshold with no false candidate in any halo-free or noise-only posterior of a detector (NaN if none). */
    public double cleanThreshold(String detector) {
        List<FalsePositives> a = falsePositives("halo_free", detector);
        List<FalsePositives> b = falsePositives("noise_only", detector);
        for (int t = 0; t < THRESHOLDS.length; t++) {
            if (a.get(t).perDeg2().count() == 0 && b.get(t).perDeg2().count() == 0) {
                return THRESHOLDS[t];
            }
        }
        return Double.NaN;
    }

    /** Mean over realisations and kinds of σ_S(product)/σ_S(exact) and of its per-pixel rms scatter. */
    public double[] noiseStdRatio() {
        double mean = 0;
        double rms = 0;
        int n = 0;
        for (Realisation r : runs) {
            for (Case c : new Case[] {r.haloFree(), r.noiseOnly(), r.injected()}) {
                mean += c.sigmaRatioMean();
                rms += c.sigmaRatioRms();
                n++;
            }
        }
        return new double[] {mean / n, rms / n};
    }

    /** The statistics as a JSON-ready map. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("prior", prior);
        json.put("realisations", runs.size());
        json.put("thresholds", THRESHOLDS);
        for (String detector : new String[] {"product", "exact"}) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("halo_free", falsePositives("halo_free", detector));
            d.put("noise_only", falsePositives("noise_only", detector));
            d.put("random_mean_frequency_halo_free", randomMeanFrequency("halo_free", detector));
            d.put("injected", detection(detector));
            d.put("injected_by_halo_plus_field_snr", detectionWithField(detector));
            d.put("clean_threshold", cleanThreshold(detector));
            json.put(detector, d);
        }
        double[] ratio = noiseStdRatio();
        json.put("noise_std_ratio_mean", ratio[0]);
        json.put("noise_std_ratio_rms", ratio[1]);
        if (fieldAtHalo != null) {
            json.put("field_snr_at_halo", fieldAtHalo);
        }
        return json;
    }

    /** The Markdown tables (one section per detector). */
    public String markdown(String header) {
        StringBuilder md = new StringBuilder(header);
        Realisation first = runs.get(0);
        double area = runs.stream().mapToDouble(r -> r.haloFree().observedDeg2()).average().orElse(0);
        double seconds = runs.stream().mapToDouble(r -> r.haloFree().seconds() + r.noiseOnly().seconds() + r.injected().seconds()).sum();
        double acceptance = runs.stream().mapToDouble(r -> r.haloFree().acceptance()).average().orElse(0);
        md.append(String.format(Locale.ROOT, "%n%s prior: %d realisations × 3 posteriors × %d samples; observed area %.3f deg² per tile"
                + " (halo-free), %.2f deg² in all; mean acceptance %.2f; sampling %.0f s wall in all.%n", prior, runs.size(),
                first.samples(), area, area * runs.size(), acceptance, seconds));
        double[] ratio = noiseStdRatio();
        md.append(String.format(Locale.ROOT, "%nNoise threshold: the product's σ_S (from its noise-only maps) over the exact σ_S:"
                + " mean %.3f, per-pixel rms scatter %.3f.%n", ratio[0], ratio[1]));
        for (String detector : new String[] {"product", "exact"}) {
            md.append(String.format(Locale.ROOT, "%n### %s%n%n", detector.equals("product")
                    ? "Product detector (σ_S from clusters.noise-realisations noise-only maps, as cluster_frequency.fits)"
                    : "Same samples, exact σ_S (SmoothedNoiseStd)"));
            md.append("| f ≥ | halo-free: candidates/deg² | halo-free: realisations with any | noise-only: candidates/deg² |"
                    + " noise-only: realisations with any | random positions, halo-free | random positions, noise-only |\n");
            md.append("|---|---|---|---|---|---|---|\n");
            List<FalsePositives> a = falsePositives("halo_free", detector);
            List<FalsePositives> b = falsePositives("noise_only", detector);
            for (int t = 0; t < THRESHOLDS.length; t++) {
                md.append(String.format(Locale.ROOT, "| %.1f | %s | %s | %s | %s | %s | %s |%n", THRESHOLDS[t], a.get(t).perDeg2().text("%.2f"),
                        a.get(t).anyFraction().text("%.2f"), b.get(t).perDeg2().text("%.2f"), b.get(t).anyFraction().text("%.2f"),
                        a.get(t).randomFraction().text("%.4f"), b.get(t).randomFraction().text("%.4f")));
            }
            double[] rand = randomMeanFrequency("halo_free", detector);
            md.append(String.format(Locale.ROOT, "%nMean frequency at random positions of the halo-free posteriors: %.3f ± %.3f.%n%n", rand[0],
                    rand[1]));
            detectionTable(md, "halo's own true S/N", detection(detector));
            if (fieldAtHalo != null) {
                md.append("\nThe same halos by the true S/N of halo plus field at the halo's pixel (the noise-free smoothed truth there):\n\n");
                detectionTable(md, "halo + field true S/N", detectionWithField(detector));
            }
            double clean = cleanThreshold(detector);
            md.append(String.format(Locale.ROOT, "%nSmallest tabulated threshold with no false candidate in any halo-free or noise-only"
                    + " posterior: %s.%n", Double.isNaN(clean) ? "none" : String.format(Locale.ROOT, "%.1f", clean)));
        }
        return md.toString();
    }

    private static void detectionTable(StringBuilder md, String what, List<SnrBin> bins) {
        md.append("| " + what + " | halos | mean frequency at the halo | completeness f ≥ 0.3 | f ≥ 0.5 | f ≥ 0.7 | f ≥ 0.9 |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (SnrBin bin : bins) {
            md.append(String.format(Locale.ROOT, "| %.0f–%.0f | %d | %s | %s | %s | %s | %s |%n", bin.snrLow(), bin.snrHigh(), bin.halos(),
                    bin.halos() == 0 ? "–" : String.format(Locale.ROOT, "%.2f ± %.2f", bin.meanFrequency(), bin.frequencyError()),
                    frac(bin, 0.3), frac(bin, 0.5), frac(bin, 0.7), frac(bin, 0.9)));
        }
    }

    private static String frac(SnrBin bin, double f) {
        if (bin.halos() == 0) {
            return "–";
        }
        for (int t = 0; t < THRESHOLDS.length; t++) {
            if (Math.abs(THRESHOLDS[t] - f) < EPS) {
                return String.format(Locale.ROOT, "%.2f", bin.completeness()[t]);
            }
        }
        throw new IllegalArgumentException("no threshold " + f);
    }

    /** cluster_fpr.png (false candidates per deg² against f) and cluster_detection.png (frequency at halos against S/N). */
    public void writeFigures(Path dir) throws MassmapIoException {
        LinePlot fpr = LinePlot.of(String.format(Locale.ROOT, "False candidates, %s prior (%d realisations)", prior, runs.size()),
                "frequency threshold f", "candidates with frequency ≥ f per deg²");
        double top = 1;
        for (String kind : new String[] {"halo_free", "noise_only"}) {
            for (String detector : new String[] {"product", "exact"}) {
                List<FalsePositives> fp = falsePositives(kind, detector);
                double[] y = fp.stream().mapToDouble(p -> p.perDeg2().value()).toArray();
                for (double v : y) {
                    top = Math.max(top, 1.1 * v);
                }
                fpr = fpr.with(new LinePlot.Series(kind.replace('_', '-') + ", " + detector + " σ_S", THRESHOLDS, y,
                        detector.equals("product") ? LinePlot.Style.LINE_AND_POINTS : LinePlot.Style.DASHED));
            }
        }
        fpr.withXRange(0, 1.05).withYRange(0, top).writePng(dir.resolve("cluster_fpr.png"));

        double[] snr = runs.stream().mapToDouble(r -> r.halo().snr()).toArray();
        double[] freq = runs.stream().mapToDouble(r -> r.halo().frequency()).toArray();
        LinePlot det = LinePlot.of(String.format(Locale.ROOT, "Injected NFW halos, %s prior", prior), "true S/N (aperture)",
                "frequency at the halo").with(new LinePlot.Series("one halo (product σ_S)", snr, freq, LinePlot.Style.POINTS));
        List<SnrBin> bins = detection("product");
        List<double[]> centres = new ArrayList<>();
        for (SnrBin b : bins) {
            if (b.halos() > 0) {
                centres.add(new double[] {0.5 * (b.snrLow() + b.snrHigh()), b.meanFrequency()});
            }
        }
        det = det.with(new LinePlot.Series("mean per S/N bin", centres.stream().mapToDouble(c -> c[0]).toArray(),
                centres.stream().mapToDouble(c -> c[1]).toArray(), LinePlot.Style.LINE_AND_POINTS));
        double rand = randomMeanFrequency("halo_free", "product")[0];
        double xMin = Math.floor(min(snr));
        double xMax = Math.ceil(max(snr));
        det = det.with(new LinePlot.Series("random positions (halo-free)", new double[] {xMin, xMax}, new double[] {rand, rand},
                LinePlot.Style.DASHED));
        det.withXRange(xMin, xMax).withYRange(0, 1.05).writePng(dir.resolve("cluster_detection.png"));
    }

    private static long count(double[] values, double f) {
        long n = 0;
        for (double v : values) {
            if (v >= f - EPS) {
                n++;
            }
        }
        return n;
    }

    private static double[] meanAndError(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        double mean = s / x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return new double[] {mean, x.length < 2 ? Double.NaN : Math.sqrt(ss / (x.length - 1) / x.length)};
    }

    private static double min(double[] x) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : x) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static double max(double[] x) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            m = Math.max(m, v);
        }
        return m;
    }
}
