package org.massmap.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.massmap.pipeline.TileProblem;
import org.massmap.sampling.ChainResult;
import org.massmap.stats.PixelMoments;

/**
 * Where the posterior summaries stop moving as the annealing gets longer: the same tile sampled with
 * schedules lengthened by each factor (so a sample costs about that many times the score
 * evaluations), each compared with the longest. Reported per factor: the per-pixel posterior mean's
 * shift in units of its Monte-Carlo error (the rms over pixels of (m_f − m_ref)/√(s_f²/K_f + s_ref²/K_ref),
 * ≈ 1 when the two agree), the median per-pixel std ratio s_f/s_ref, and per {@link PosteriorScalars}
 * scalar the same shift of its posterior mean (a z-score) and its std ratio.
 */
public final class ScheduleSweep {

    /**
     * One schedule's summaries against the reference.
     *
     * @param factor            lengthening factor
     * @param chains            chains that finished
     * @param evaluationsPerSample mean score evaluations per sample
     * @param meanShift         rms over pixels of the mean's shift in Monte-Carlo errors (≈ 1: consistent)
     * @param stdRatio          median over pixels of s_f / s_ref
     * @param scalarShift       per scalar, the z-score of its mean against the reference's
     * @param scalarStdRatio    per scalar, its std over samples / the reference's
     * @param acceptance        mean over chains of the HMC acceptance rate over the whole schedule
     * @param finalAcceptance   the same in the last level (the final phase at σ_min)
     */
    public record Row(int factor, int chains, double evaluationsPerSample, double meanShift, double stdRatio, double[] scalarShift,
            double[] scalarStdRatio, double acceptance, double finalAcceptance) {

        /** The largest |z| of a scalar's mean against the reference's. */
        public double worstScalarShift() {
            double worst = 0;
            for (double z : scalarShift) {
                worst = Math.max(worst, Math.abs(z));
            }
            return worst;
        }

        /**
         * Whether this schedule's summaries agree with the reference's within Monte-Carlo error: the
         * per-pixel means' rms shift at most {@link #MAX_MEAN_SHIFT} errors, the median per-pixel std
         * within {@link #MAX_STD_DEVIATION} of the reference's, and no scalar's mean more than
         * {@link #MAX_SCALAR_Z} errors away. The default budget is the shortest schedule that agrees
         * (docs/sampler.md).
         */
        public boolean agrees() {
            return meanShift <= MAX_MEAN_SHIFT && Math.abs(stdRatio - 1) <= MAX_STD_DEVIATION && worstScalarShift() <= MAX_SCALAR_Z;
        }
    }

    /** Largest rms shift of the per-pixel means, in Monte-Carlo errors, of an agreeing schedule (1 when exact). */
    public static final double MAX_MEAN_SHIFT = 1.5;
    /** Largest deviation of the median per-pixel std ratio from 1 of an agreeing schedule. */
    public static final double MAX_STD_DEVIATION = 0.1;
    /** Largest |z| of any scalar's mean of an agreeing schedule (about 25 scalars: a 4σ excursion is rare by chance). */
    public static final double MAX_SCALAR_Z = 4.0;

    /**
     * @param factors lengthening factors, ascending; the last is the reference
     * @param rows    one per factor (the reference's compares it with itself)
     * @param scalars the scalars' names
     */
    public record Result(int[] factors, List<Row> rows, List<String> scalars) { }

    private ScheduleSweep() {
    }

    /**
     * @param problemFor the tile's problem with its schedule lengthened by the given factor
     * @param factors    ascending factors, e.g. 1, 3, 10, 30
     */
    public static Result run(IntFunction<TileProblem> problemFor, int[] factors, PosteriorScalars scalars, int chains,
            int threads) {
        if (factors.length < 2) {
            throw new IllegalArgumentException("a schedule sweep needs at least two lengthening factors");
        }
        List<Summary> summaries = new ArrayList<>();
        for (int f : factors) {
            summaries.add(Summary.of(problemFor.apply(f).sample(0, chains, threads, null), scalars));
        }
        return compare(factors, summaries, scalars.names());
    }

    /**
     * Compares each schedule's summary with the last (the reference).
     *
     * @param factors   ascending factors, one per summary
     * @param summaries the schedules' summaries, in the order of the factors
     * @param scalars   the scalars' names
     */
    public static Result compare(int[] factors, List<Summary> summaries, List<String> scalars) {
        if (factors.length < 2 || summaries.size() != factors.length) {
            throw new IllegalArgumentException("a schedule sweep needs one summary per factor and at least two; got " + factors.length
                    + " factors and " + summaries.size() + " summaries");
        }
        Summary ref = summaries.get(summaries.size() - 1);
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < factors.length; k++) {
            Summary s = summaries.get(k);
            double[] shift = new double[scalars.size()];
            double[] ratio = new double[scalars.size()];
            for (int j = 0; j < shift.length; j++) {
                shift[j] = zScore(s.scalarMean[j], s.scalarVar[j], s.count, ref.scalarMean[j], ref.scalarVar[j], ref.count);
                ratio[j] = ref.scalarVar[j] > 0 ? Math.sqrt(s.scalarVar[j] / ref.scalarVar[j]) : Double.NaN;
            }
            double sumZ2 = 0;
            double[] ratios = new double[s.mean.length];
            for (int i = 0; i < s.mean.length; i++) {
                double z = zScore(s.mean[i], s.var[i], s.count, ref.mean[i], ref.var[i], ref.count);
                sumZ2 += z * z;
                ratios[i] = ref.var[i] > 0 ? Math.sqrt(s.var[i] / ref.var[i]) : 1;
            }
            java.util.Arrays.sort(ratios);
            rows.add(new Row(factors[k], s.count, s.evaluations, Math.sqrt(sumZ2 / s.mean.length), ratios[ratios.length / 2], shift,
                    ratio, s.acceptance, s.finalAcceptance));
        }
        return new Result(factors.clone(), List.copyOf(rows), List.copyOf(scalars));
    }

    private static double zScore(double m1, double v1, int n1, double m2, double v2, int n2) {
        double err = Math.sqrt(v1 / n1 + v2 / n2);
        return err > 0 ? (m1 - m2) / err : 0;
    }

    /**
     * Per-pixel and per-scalar sample means and variances of one schedule's samples (what the
     * comparison needs, and what a resumable study stores per schedule).
     *
     * @param count           samples (chains that finished)
     * @param evaluations     mean score evaluations per sample
     * @param mean            per-pixel sample mean
     * @param var             per-pixel sample variance
     * @param scalarMean      per scalar, its sample mean
     * @param scalarVar       per scalar, its sample variance
     * @param acceptance      mean over chains of the acceptance rate over the whole schedule
     * @param finalAcceptance the same in the last level
     */
    public record Summary(int count, double evaluations, double[] mean, double[] var, double[] scalarMean, double[] scalarVar,
            double acceptance, double finalAcceptance) {
        /** The summary of one schedule's chains; at least 2 must have finished. */
        public static Summary of(List<ChainResult> results, PosteriorScalars scalars) {
            List<double[]> samples = new ArrayList<>();
            double evaluations = 0;
            double acceptance = 0;
            double finalAcceptance = 0;
            for (ChainResult r : results) {
                if (r.sample() != null) {
                    samples.add(r.sample());
                    evaluations += r.diagnostics().scoreEvaluations();
                    acceptance += r.diagnostics().acceptanceRate();
                    finalAcceptance += r.diagnostics().lastLevelAcceptanceRate();
                }
            }
            if (samples.size() < 2) {
                throw new IllegalStateException("only " + samples.size() + " chains finished; a schedule sweep needs at least 2 per schedule");
            }
            int k = samples.size();
            PixelMoments pixels = new PixelMoments(samples.get(0).length);
            PixelMoments values = new PixelMoments(scalars.names().size());
            for (double[] s : samples) {
                pixels.add(s);
                values.add(scalars.of(s));
            }
            return new Summary(k, evaluations / k, pixels.mean(), squared(pixels.std()), values.mean(), squared(values.std()),
                    acceptance / k, finalAcceptance / k);
        }

        private static double[] squared(double[] std) {
            double[] v = new double[std.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = std[i] * std[i];
            }
            return v;
        }
    }
}
