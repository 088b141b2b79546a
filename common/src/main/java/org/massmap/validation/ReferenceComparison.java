package org.massmap.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The study's map metrics beside Table 1 of the reference's A&amp;A paper (Remy et al. 2023, A&amp;A 672,
 * A51): RMSE and Pearson r of each map against the truth inside the observed pixels, for
 * Kaiser-Squires (smoothed), the Wiener filter and the posterior means, and each one's RMSE relative to
 * the Wiener filter's. The reference scored COSMOS-like κTNG mocks, not these truths, so the columns
 * are set side by side, not compared as equals. Study numbers: mean ± sample standard deviation over
 * realisations; relative RMSE: the ratio of the mean RMSEs minus one.
 */
public final class ReferenceComparison {
    /** Where the reference's numbers come from. */
    public static final String SOURCE = "Remy et al. 2023, A&A 672, A51, Table 1 (COSMOS-like κTNG mocks)";

    /**
     * One row of the reference's table.
     *
     * @param method  the reference's name of the method
     * @param rmse    its RMSE
     * @param pearson its Pearson r
     */
    public record Row(String method, double rmse, double pearson) {
    }

    /** The reference's Kaiser-Squires, Wiener and posterior-mean rows, then the two other methods it lists. */
    public static final Row KS = new Row("Kaiser-Squires", 0.0240, 0.57);
    public static final Row WIENER = new Row("Wiener filter", 0.0231, 0.61);
    public static final Row POSTERIOR_MEAN = new Row("posterior mean (hybrid prior)", 0.0216, 0.68);
    public static final Row DEEPMASS = new Row("DeepMass", 0.0218, 0.68);
    public static final Row MCALENS = new Row("MCALens", 0.0219, 0.67);

    private final List<StudyRealisation.Result> results;
    private final List<String> methods;

    /**
     * @param results the realisations, at least one
     * @param methods the posterior methods' names, in table order
     */
    public ReferenceComparison(List<StudyRealisation.Result> results, List<String> methods) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("the comparison needs at least one realisation");
        }
        this.results = List.copyOf(results);
        this.methods = List.copyOf(methods);
    }

    /** The Markdown table: one row per estimate of this study with the reference's matching row, then the reference's others. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("| estimate | RMSE | RMSE, Monte-Carlo excess removed | Pearson r | RMSE vs Wiener's (posterior"
                + " means: excess removed) |"
                + " reference: RMSE | reference: r | reference: RMSE vs Wiener |\n|---|---|---|---|---|---|---|---|\n");
        double wiener = StudyReport.meanStd(baseline("wiener", true))[0];
        row(sb, "Kaiser-Squires, smoothed", baseline("kaiser_squires_smoothed", true), null, baseline("kaiser_squires_smoothed", false),
                wiener, KS);
        row(sb, "Wiener filter", baseline("wiener", true), null, baseline("wiener", false), wiener, WIENER);
        for (String name : methods) {
            List<Double> rmse = new ArrayList<>();
            List<Double> corrected = new ArrayList<>();
            List<Double> pearson = new ArrayList<>();
            method(name).forEach(m -> {
                rmse.add(m.rmse());
                corrected.add(m.rmseMcCorrected());
                pearson.add(m.pearson());
            });
            row(sb, "posterior mean, " + name + " prior", rmse, corrected, pearson, wiener, name.equals("hybrid") ? POSTERIOR_MEAN : null);
        }
        for (Row r : List.of(DEEPMASS, MCALENS)) {
            sb.append(String.format(Locale.ROOT, "| %s (reference only) | – | – | – | – | %.4f | %.2f | %s |%n", r.method(), r.rmse(),
                    r.pearson(), relative(r.rmse(), WIENER.rmse())));
        }
        return sb.toString();
    }

    /** The same numbers for JSON: per estimate its mean RMSE, corrected RMSE (posterior means), r and the reference's row. */
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", SOURCE);
        out.put("reference", List.of(KS, WIENER, POSTERIOR_MEAN, DEEPMASS, MCALENS));
        Map<String, Object> study = new LinkedHashMap<>();
        for (String key : List.of("kaiser_squires_smoothed", "wiener")) {
            study.put(key, Map.of("rmse", StudyReport.meanStd(baseline(key, true)), "pearson", StudyReport.meanStd(baseline(key, false))));
        }
        for (String name : methods) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rmse", StudyReport.meanStd(method(name).stream().map(StudyRealisation.MethodResult::rmse).toList()));
            m.put("rmse_mc_corrected", StudyReport.meanStd(method(name).stream().map(StudyRealisation.MethodResult::rmseMcCorrected).toList()));
            m.put("pearson", StudyReport.meanStd(method(name).stream().map(StudyRealisation.MethodResult::pearson).toList()));
            study.put(name, m);
        }
        out.put("study_mean_and_scatter", study);
        return out;
    }

    private static void row(StringBuilder sb, String label, List<Double> rmse, List<Double> corrected, List<Double> pearson, double wiener,
            Row reference) {
        double[] r = StudyReport.meanStd(rmse);
        double[] c = corrected == null ? null : StudyReport.meanStd(corrected);
        double[] p = StudyReport.meanStd(pearson);
        sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |", label, pm(r, "%.4f"), c == null ? "–" : pm(c, "%.4f"),
                pm(p, "%.3f"), label.equals("Wiener filter") ? "–" : relative(c == null ? r[0] : c[0], wiener)));
        if (reference == null) {
            sb.append(" – | – | – |\n");
        } else {
            sb.append(String.format(Locale.ROOT, " %.4f | %.2f | %s |%n", reference.rmse(), reference.pearson(),
                    reference == WIENER ? "–" : relative(reference.rmse(), WIENER.rmse())));
        }
    }

    private static String pm(double[] ms, String fmt) {
        return Double.isNaN(ms[1]) ? String.format(Locale.ROOT, fmt, ms[0]) : String.format(Locale.ROOT, fmt + " ± " + fmt, ms[0], ms[1]);
    }

    private static String relative(double rmse, double wiener) {
        return String.format(Locale.ROOT, "%+.1f%%", 100 * (rmse / wiener - 1));
    }

    private List<Double> baseline(String name, boolean rmse) {
        return StudyReport.baseline(results, name, rmse);
    }

    private List<StudyRealisation.MethodResult> method(String name) {
        return StudyReport.method(results, name);
    }
}
