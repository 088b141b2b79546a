package org.massmap.validation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.massmap.io.MassmapIoException;
import org.massmap.io.plot.LinePlot;

/**
 * The simulation-based-calibration result of one prior: per statistic the rank histogram and its χ²
 * test over all realisations, with the sampler's mean acceptance and cost. Immutable.
 *
 * @param prior        the prior's name ("gaussian", "hybrid")
 * @param statistics   statistic names ({@link CalibrationStatistics#names()})
 * @param samples      posterior samples per realisation
 * @param bins         rank-histogram bins
 * @param histograms   one per statistic
 * @param realisations how many realisations
 * @param acceptance   mean HMC acceptance over realisations
 * @param evaluations  mean score evaluations per sample
 */
public record CalibrationReport(String prior, List<String> statistics, int samples, int bins, List<RankHistogram> histograms,
        int realisations, double acceptance, double evaluations) {

    /** p-value below which a statistic is reported as miscalibrated (before and after a Bonferroni correction). */
    public static final double ALPHA = 0.01;

    /** Aggregates realisations (all with the same number of samples). */
    public static CalibrationReport of(String prior, List<String> statistics, List<SimulationBasedCalibration.Realisation> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no realisations to report for the " + prior + " prior");
        }
        int samples = runs.get(0).samples();
        int bins = binsFor(samples);
        List<RankHistogram> hist = new ArrayList<>();
        for (int j = 0; j < statistics.size(); j++) {
            int[] ranks = new int[runs.size()];
            for (int r = 0; r < ranks.length; r++) {
                SimulationBasedCalibration.Realisation run = runs.get(r);
                if (run.samples() != samples || run.ranks().length != statistics.size()) {
                    throw new IllegalArgumentException("realisation " + run.index() + " has " + run.samples() + " samples and "
                            + run.ranks().length + " statistics; the others " + samples + " and " + statistics.size());
                }
                ranks[r] = run.ranks()[j];
            }
            hist.add(RankHistogram.of(ranks, samples, bins));
        }
        double acc = runs.stream().mapToDouble(SimulationBasedCalibration.Realisation::acceptance).average().orElse(Double.NaN);
        double ev = runs.stream().mapToDouble(SimulationBasedCalibration.Realisation::evaluations).average().orElse(Double.NaN);
        return new CalibrationReport(prior, List.copyOf(statistics), samples, bins, List.copyOf(hist), runs.size(), acc, ev);
    }

    /** The most bins (8, 4 or 2) that divide the S + 1 possible ranks; an error naming the fix otherwise. */
    public static int binsFor(int samples) {
        for (int b : new int[] {8, 4, 2}) {
            if ((samples + 1) % b == 0 && (samples + 1) / b >= 1) {
                return b;
            }
        }
        throw new IllegalArgumentException("calibration needs S + 1 ranks divisible into equal bins; " + samples
                + " samples give " + (samples + 1) + " ranks: use an odd number of samples such as 31 or 63");
    }

    /** Statistics with p below {@link #ALPHA} / number of statistics (Bonferroni). */
    public List<String> failing() {
        List<String> out = new ArrayList<>();
        double cut = ALPHA / statistics.size();
        for (int j = 0; j < statistics.size(); j++) {
            if (histograms.get(j).pValue() < cut) {
                out.add(statistics.get(j));
            }
        }
        return out;
    }

    /** A JSON-ready summary. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prior", prior);
        m.put("realisations", realisations);
        m.put("samples", samples);
        m.put("bins", bins);
        m.put("mean_acceptance", acceptance);
        m.put("score_evaluations_per_sample", evaluations);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int j = 0; j < statistics.size(); j++) {
            RankHistogram h = histograms.get(j);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("statistic", statistics.get(j));
            row.put("counts", h.counts());
            row.put("chi2", h.chi2());
            row.put("dof", h.dof());
            row.put("p", h.pValue());
            rows.add(row);
        }
        m.put("statistics", rows);
        m.put("failing_bonferroni", failing());
        return m;
    }

    /** A markdown table: statistic, rank counts per bin, χ², p. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s prior: %d realisations × %d samples, ranks in %d bins (expected %.1f per bin);"
                + " mean acceptance %.2f, %.0f score evaluations per sample.%n%n", prior, realisations, samples, bins,
                (double) realisations / bins, acceptance, evaluations));
        sb.append("| statistic | rank counts | χ² (dof) | p |\n|---|---|---|---|\n");
        for (int j = 0; j < statistics.size(); j++) {
            RankHistogram h = histograms.get(j);
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.1f (%d) | %.3g |%n", statistics.get(j).replace("|", "\\|"),
                    java.util.Arrays.toString(h.counts()).replaceAll("[\\[\\]]", ""), h.chi2(), h.dof(), h.pValue()));
        }
        List<String> bad = failing();
        sb.append(String.format(Locale.ROOT, "%nStatistics with p < %.2g/%d (Bonferroni): %s.%n", ALPHA, statistics.size(),
                bad.isEmpty() ? "none" : String.join(", ", bad)));
        return sb.toString();
    }

    /**
     * Rank histograms as lines of count/expected against the rank-bin centre (0–1), one line per
     * statistic group (pixels, smoothed κ, band powers, peak counts: the group mean), with the 95%
     * band of a uniform bin dashed.
     */
    public void writeFigure(Path file) throws MassmapIoException {
        double[] x = new double[bins];
        for (int b = 0; b < bins; b++) {
            x[b] = (b + 0.5) / bins;
        }
        double expected = (double) realisations / bins;
        double top = 2;
        LinePlot plot = LinePlot.of(String.format(Locale.ROOT, "Rank histograms, %s prior (%d truths × %d samples)", prior,
                realisations, samples), "rank of the truth among the samples (fraction)", "count / expected");
        for (String group : new String[] {"pixel", "smoothed", "C_ell", "peaks"}) {
            double[] y = new double[bins];
            int members = 0;
            for (int j = 0; j < statistics.size(); j++) {
                if (statistics.get(j).startsWith(group)) {
                    int[] c = histograms.get(j).counts();
                    for (int b = 0; b < bins; b++) {
                        y[b] += c[b] / expected;
                    }
                    members++;
                }
            }
            if (members > 0) {
                for (int b = 0; b < bins; b++) {
                    y[b] /= members;
                    top = Math.max(top, 1.1 * y[b]);
                }
                plot = plot.with(new LinePlot.Series(group + " (" + members + ")", x, y, LinePlot.Style.LINE_AND_POINTS));
            }
        }
        double half = 1.96 * Math.sqrt(expected * (1 - 1.0 / bins)) / expected;
        plot = plot.with(new LinePlot.Series("uniform ± 95% (one statistic)", new double[] {0, 1}, new double[] {1 + half, 1 + half},
                LinePlot.Style.DASHED));
        plot = plot.with(new LinePlot.Series("", new double[] {0, 1}, new double[] {1 - half, 1 - half}, LinePlot.Style.DASHED));
        plot.withXRange(0, 1).withYRange(0, Math.max(top, 1 + 2 * half)).writePng(file);
    }
}
