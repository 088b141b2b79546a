package org.massmap.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.massmap.grid.TileEmbedding;
import org.massmap.pipeline.TileProblem;
import org.massmap.sampling.ChainObserver;
import org.massmap.stats.ChainConvergence;

/**
 * Convergence within the final phase at σ_min: each annealed chain yields one sample, but its final
 * iterations (step size frozen, the target fixed) form a Markov chain of the tempered posterior. Run
 * with that phase extended to a few hundred iterations, the traces of each {@link PosteriorScalars}
 * scalar across chains give the rank-normalised split-R̂ and the bulk effective sample size
 * ({@link ChainConvergence}): whether the chains agree, and how many independent draws their final
 * phases hold.
 */
public final class FinalPhaseConvergence {

    /**
     * One scalar's diagnostics.
     *
     * @param scalar the scalar's name
     * @param rhat   rank-normalised split-R̂ (≲ 1.01 converged)
     * @param ess    bulk effective sample size over all chains' final phases
     * @param mean   mean over all final-phase draws
     * @param std    standard deviation over all final-phase draws
     */
    public record Row(String scalar, double rhat, double ess, double mean, double std) { }

    /**
     * @param rows        one per scalar
     * @param chains      chains whose whole final phase was recorded
     * @param finalSteps  final iterations per chain
     */
    public record Result(List<Row> rows, int chains, int finalSteps) { }

    private FinalPhaseConvergence() {
    }

    /**
     * Samples {@code chains} chains of {@code problem} (whose schedule sets the final phase's length)
     * and diagnoses each scalar over their final phases. Failed chains are left out.
     *
     * @throws IllegalStateException when fewer than 2 chains recorded a whole final phase of ≥ 4 draws
     */
    public static Result run(TileProblem problem, PosteriorScalars scalars, int chains, int threads) {
        int finalSteps = problem.schedule().finalSteps();
        Map<Integer, List<double[]>> traces = new TreeMap<>();
        TileEmbedding embedding = problem.data().embedding();
        ChainObserver observer = (chain, sigma, finalPhase, state) -> {
            if (finalPhase) { // states are on the inference grid; the scalars are the tile's, as for the samples
                double[] values = scalars.of(embedding.isIdentity() ? state : embedding.crop(state));
                synchronized (traces) {
                    traces.computeIfAbsent(chain, c -> new ArrayList<>()).add(values);
                }
            }
        };
        problem.sample(0, chains, threads, () -> false, observer);
        List<List<double[]>> complete = new ArrayList<>();
        for (List<double[]> t : traces.values()) {
            if (t.size() == finalSteps) {
                complete.add(t);
            }
        }
        if (complete.size() < 2 || finalSteps < 4) {
            throw new IllegalStateException(complete.size() + " chains recorded a whole final phase of " + finalSteps
                    + " iterations; convergence diagnostics need at least 2 chains of at least 4");
        }
        List<Row> rows = new ArrayList<>();
        for (int j = 0; j < scalars.names().size(); j++) {
            double[][] draws = new double[complete.size()][finalSteps];
            double sum = 0;
            double sumSq = 0;
            for (int c = 0; c < complete.size(); c++) {
                for (int t = 0; t < finalSteps; t++) {
                    double v = complete.get(c).get(t)[j];
                    draws[c][t] = v;
                    sum += v;
                    sumSq += v * v;
                }
            }
            double n = (double) complete.size() * finalSteps;
            double mean = sum / n;
            double std = Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1)));
            boolean constant = std == 0;
            rows.add(new Row(scalars.names().get(j), constant ? 1 : ChainConvergence.splitRhat(draws),
                    constant ? n : ChainConvergence.bulkEffectiveSampleSize(draws), mean, std));
        }
        return new Result(List.copyOf(rows), complete.size(), finalSteps);
    }
}
