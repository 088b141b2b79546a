package org.massmap.sampling;

/**
 * Settings of the annealed HMC sampler (Remy et al. 2020, section 3; DESIGN.md section 2).
 *
 * @param schedule          how σ is lowered
 * @param sigmaMax          starting noise level (must lie in the score model's trained range)
 * @param sigmaMin          final noise level, &gt; 0 and &lt; sigmaMax
 * @param levels            geometric schedule: number of σ levels from sigmaMax to sigmaMin
 * @param stepsPerLevel     geometric schedule: HMC iterations per level
 * @param dropFactor        adaptive schedule: σ' = dropFactor·σ (reference 0.98)
 * @param minStepsPerLevel  adaptive schedule: iterations at a level before a drop may be tried (reference 10)
 * @param maxIterations     adaptive schedule: a chain that has not reached sigmaMin after this many iterations stops as stalled
 * @param finalSteps        HMC iterations at sigmaMin after annealing, step size frozen
 * @param leapfrogSteps     leapfrog steps per HMC trajectory (reference 3)
 * @param stepSize          initial step-size constant c: ε = c (Fourier mass) or c·√σ (identity mass)
 * @param targetAcceptance  acceptance rate the step size is adapted towards during annealing
 * @param mass              mass matrix
 * @param probabilityFlow   finish with the probability-flow ODE dx/dσ² = −½ s_post from sigmaMin to odeSigmaEnd
 * @param odeSteps          Heun steps of that ODE
 * @param odeSigmaEnd       σ where the ODE stops (0 allowed when the prior score is defined at σ = 0)
 */
public record HmcSettings(Schedule schedule, double sigmaMax, double sigmaMin, int levels, int stepsPerLevel,
        double dropFactor, int minStepsPerLevel, int maxIterations, int finalSteps, int leapfrogSteps, double stepSize,
        double targetAcceptance, MassKind mass, boolean probabilityFlow, int odeSteps, double odeSigmaEnd) implements java.io.Serializable {

    public HmcSettings {
        if (!(sigmaMax > 0) || !Double.isFinite(sigmaMax)) {
            throw new IllegalArgumentException("sampler.sigma-max must be positive, got " + sigmaMax);
        }
        if (!(sigmaMin > 0)) {
            throw new IllegalArgumentException("sampler.sigma-min must be positive, got " + sigmaMin);
        }
        if (sigmaMin >= sigmaMax) {
            throw new IllegalArgumentException("sampler.sigma-min (" + sigmaMin + ") must be below sampler.sigma-max ("
                    + sigmaMax + "): annealing runs from sigma-max down to sigma-min");
        }
        if (schedule == Schedule.GEOMETRIC && (levels < 2 || stepsPerLevel < 1)) {
            throw new IllegalArgumentException("the geometric schedule needs sampler.levels >= 2 and sampler.steps-per-level >= 1");
        }
        if (schedule == Schedule.ADAPTIVE && (!(dropFactor > 0 && dropFactor < 1) || minStepsPerLevel < 0 || maxIterations < 1)) {
            throw new IllegalArgumentException("the adaptive schedule needs 0 < sampler.drop-factor < 1, "
                    + "sampler.min-steps-per-level >= 0 and sampler.max-iterations >= 1");
        }
        if (finalSteps < 0 || leapfrogSteps < 1 || !(stepSize > 0)) {
            throw new IllegalArgumentException("sampler.final-steps >= 0, sampler.leapfrog-steps >= 1 and sampler.step-size > 0 are required");
        }
        if (!(targetAcceptance > 0 && targetAcceptance < 1)) {
            throw new IllegalArgumentException("sampler.target-acceptance must lie in (0, 1), got " + targetAcceptance);
        }
        if (probabilityFlow && (odeSteps < 1 || odeSigmaEnd < 0 || odeSigmaEnd >= sigmaMin)) {
            throw new IllegalArgumentException("the probability-flow finish needs sampler.ode-steps >= 1 and "
                    + "0 <= sampler.ode-sigma-end < sigma-min");
        }
    }

    /** The same settings with another σ_min. */
    public HmcSettings withSigmaMin(double newSigmaMin) {
        return new HmcSettings(schedule, sigmaMax, newSigmaMin, levels, stepsPerLevel, dropFactor, minStepsPerLevel,
                maxIterations, finalSteps, leapfrogSteps, stepSize, targetAcceptance, mass, probabilityFlow, odeSteps,
                odeSigmaEnd);
    }

    /** σ of geometric level j (0 = sigmaMax, levels−1 = sigmaMin). */
    public double geometricLevel(int j) {
        return sigmaMax * Math.pow(sigmaMin / sigmaMax, (double) j / (levels - 1));
    }
}
