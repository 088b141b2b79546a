package org.massmap.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A fixed geometric ladder: {@code levels} values σ_j = σ_max (σ_min/σ_max)^{j/(levels−1)},
 * {@code stepsPerLevel} HMC iterations at each, then the final iterations at σ_min. Every chain
 * follows the same ladder. Immutable.
 */
public final class GeometricSchedule extends Schedule {
    private final int levels;
    private final int stepsPerLevel;

    /**
     * @param levels        number of σ levels from σ_max to σ_min, &ge; 2
     * @param stepsPerLevel HMC iterations per level, &ge; 1
     */
    public GeometricSchedule(double sigmaMax, double sigmaMin, int levels, int stepsPerLevel, int finalSteps) {
        super(sigmaMax, sigmaMin, finalSteps);
        if (levels < 2 || stepsPerLevel < 1) {
            throw new IllegalArgumentException("the geometric schedule needs sampler.levels >= 2 and sampler.steps-per-level >= 1");
        }
        this.levels = levels;
        this.stepsPerLevel = stepsPerLevel;
    }

    public int levels() {
        return levels;
    }

    public int stepsPerLevel() {
        return stepsPerLevel;
    }

    /** Every chain takes exactly levels × stepsPerLevel + finalSteps iterations. */
    @Override
    public int iterationBound() {
        return levels * stepsPerLevel + finalSteps();
    }

    /** σ of level j (0 = σ_max, levels−1 = σ_min). */
    public double level(int j) {
        return sigmaMax() * Math.pow(sigmaMin() / sigmaMax(), (double) j / (levels - 1));
    }

    @Override
    public Kind kind() {
        return Kind.GEOMETRIC;
    }

    @Override
    public GeometricSchedule withSigmaMin(double newSigmaMin) {
        return new GeometricSchedule(sigmaMax(), newSigmaMin, levels, stepsPerLevel, finalSteps());
    }

    @Override
    public GeometricSchedule withFinalSteps(int newFinalSteps) {
        return new GeometricSchedule(sigmaMax(), sigmaMin(), levels, stepsPerLevel, newFinalSteps);
    }

    /** The same ladder with {@code factor} times the iterations per level and in the final phase. */
    @Override
    public GeometricSchedule lengthened(int factor) {
        requireFactor(factor);
        return new GeometricSchedule(sigmaMax(), sigmaMin(), levels, stepsPerLevel * factor, finalSteps() * factor);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeometricSchedule g && g.sigmaMax() == sigmaMax() && g.sigmaMin() == sigmaMin()
                && g.finalSteps() == finalSteps() && g.levels == levels && g.stepsPerLevel == stepsPerLevel;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sigmaMax(), sigmaMin(), finalSteps(), levels, stepsPerLevel);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "geometric, %d levels × %d steps + %d final", levels, stepsPerLevel, finalSteps());
    }

    /** A chain moves down one level after {@code stepsPerLevel} iterations; after the last level it runs the final ones. */
    @Override
    void advance(List<Chain> active, boolean[] accepted, double[] deltaLogP, ScoreEvaluator scores) {
        List<Chain> lowered = new ArrayList<>();
        for (Chain ch : active) {
            if (ch.phase == Chain.Phase.FAILED) {
                continue;
            }
            if (ch.phase == Chain.Phase.FINAL) {
                ch.finalDone++;
            } else if (++ch.stepsAtLevel >= stepsPerLevel) {
                if (ch.level < levels - 1) {
                    ch.level++;
                    ch.enterLevel(level(ch.level));
                    lowered.add(ch);
                } else {
                    ch.phase = Chain.Phase.FINAL;
                }
            }
            if (ch.phase == Chain.Phase.FINAL && ch.finalDone >= finalSteps()) {
                ch.phase = Chain.Phase.DONE;
            }
        }
        scores.refresh(lowered);
    }
}
