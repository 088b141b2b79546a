package org.massmap.config;

import org.massmap.sampling.AdaptiveSchedule;
import org.massmap.sampling.GeometricSchedule;
import org.massmap.sampling.HmcMove;
import org.massmap.sampling.MassKind;
import org.massmap.sampling.ProbabilityFlow;
import org.massmap.sampling.Schedule;
import org.massmap.stats.ClusterSettings;

/**
 * The sampling settings (section {@code sampler}) resolved once: the annealing schedule, the HMC
 * move, the optional probability-flow finish, how σ_min is chosen, chains, seed, batching and threads.
 *
 * @param schedule          annealing schedule; its σ_min is a placeholder when {@code sigmaMin} is NaN
 * @param move              the HMC move at each σ
 * @param finish            the probability-flow finish, or {@link ProbabilityFlow#NONE}
 * @param sigmaMin          a fixed σ_min, or NaN for "auto"
 * @param sigmaMinTolerance allowed std inflation when σ_min is automatic
 * @param prior             the prior: Gaussian, or hybrid (needs a model)
 * @param model             model directory ("" = bundled)
 */
public record SamplerConfig(Schedule schedule, HmcMove move, ProbabilityFlow finish, double sigmaMin,
        double sigmaMinTolerance, int chains, long seed, int batchSize, int threads, Prior prior, String model) implements java.io.Serializable {

    /** The same settings with another schedule (e.g. a lengthened one for a convergence study). */
    public SamplerConfig withSchedule(Schedule newSchedule) {
        return new SamplerConfig(newSchedule, move, finish, sigmaMin, sigmaMinTolerance, chains, seed, batchSize, threads, prior, model);
    }

    /** The prior of a posterior ({@code sampler.prior}). */
    public enum Prior {
        /** The theory power spectrum alone. */
        GAUSSIAN,
        /** The theory power spectrum plus the neural residual of a trained model. */
        HYBRID;

        /** The configuration's spelling: "gaussian", "hybrid". */
        @Override
        public String toString() {
            return Setting.choiceName(this);
        }
    }

    /** True when σ_min is chosen automatically from the std-inflation tolerance. */
    /**
     * The annealing schedule for one posterior: σ_min resolved ("auto": from the posterior's Gaussian
     * approximation and {@code sigmaMinTolerance}) and checked against σ_max and the probability-flow finish.
     */
    public Schedule resolvedSchedule(org.massmap.sampling.GaussianApproximation approximation) {
        double sigmaMax = schedule.sigmaMax();
        double resolved = sigmaMinAuto() ? approximation.sigmaMin(sigmaMinTolerance, sigmaMax) : sigmaMin;
        if (resolved >= sigmaMax) {
            throw new IllegalArgumentException("sigma-min (" + resolved + ") must be below sampler.sigma-max (" + sigmaMax
                    + "); lower sampler.sigma-min or raise sampler.sigma-max");
        }
        finish.requireBelow(resolved);
        return schedule.withSigmaMin(resolved);
    }

    public boolean sigmaMinAuto() {
        return Double.isNaN(sigmaMin);
    }

    public static SamplerConfig from(Settings s) {
        String rawMin = s.string("sampler.sigma-min").trim();
        double sigmaMin = rawMin.equalsIgnoreCase("auto") ? Double.NaN : s.positive("sampler.sigma-min");
        double sigmaMax = s.positive("sampler.sigma-max");
        double placeholder = Double.isNaN(sigmaMin) ? sigmaMax * 1e-3 : sigmaMin;
        Schedule.Kind kind = s.enumValue("sampler.schedule", Schedule.Kind.class);
        int levels = s.positiveInt("sampler.levels");
        int stepsPerLevel = s.positiveInt("sampler.steps-per-level");
        double dropFactor = s.finite("sampler.drop-factor");
        int minStepsPerLevel = s.nonNegativeInt("sampler.min-steps-per-level");
        int maxIterations = s.positiveInt("sampler.max-iterations");
        int finalSteps = s.nonNegativeInt("sampler.final-steps");
        int leapfrogSteps = s.positiveInt("sampler.leapfrog-steps");
        double stepSize = s.positive("sampler.step-size");
        double targetAcceptance = s.finite("sampler.target-acceptance");
        MassKind mass = s.enumValue("sampler.mass", MassKind.class);
        boolean flow = s.bool("sampler.probability-flow");
        int odeSteps = s.positiveInt("sampler.ode-steps");
        double odeSigmaEnd = s.nonNegative("sampler.ode-sigma-end");
        Schedule schedule;
        HmcMove move;
        ProbabilityFlow finish;
        try { // the sampler's parts check their own ranges; from here they are configuration values
            schedule = kind == Schedule.Kind.GEOMETRIC
                    ? new GeometricSchedule(sigmaMax, placeholder, levels, stepsPerLevel, finalSteps)
                    : new AdaptiveSchedule(sigmaMax, placeholder, dropFactor, minStepsPerLevel, maxIterations, finalSteps);
            move = new HmcMove(leapfrogSteps, stepSize, targetAcceptance, mass);
            finish = flow ? new ProbabilityFlow(odeSteps, odeSigmaEnd) : ProbabilityFlow.NONE;
            finish.requireBelow(schedule.sigmaMin());
        } catch (SettingException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new SettingException(e.getMessage(), e);
        }
        int chains = s.positiveInt("sampler.chains");
        if (chains < 2) {
            throw new SettingException("sampler.chains must be at least 2 for a posterior standard deviation, got " + chains);
        }
        int threads = s.nonNegativeInt("sampler.threads");
        Prior prior = s.enumValue("sampler.prior", Prior.class);
        return new SamplerConfig(schedule, move, finish, sigmaMin, s.positive("sampler.sigma-min-tolerance"), chains, s.longValue("sampler.seed"),
                s.positiveInt("sampler.batch-size"), threads == 0 ? Runtime.getRuntime().availableProcessors() : threads,
                prior, s.string("sampler.model").trim());
    }

    /** The cluster-detection settings (section {@code clusters}). */
    public static ClusterSettings clusters(Settings s) {
        return new ClusterSettings(s.positive("clusters.aperture-arcmin"), s.positive("clusters.snr-threshold"),
                s.positive("clusters.radius-arcmin"), s.inRange("clusters.min-frequency", 1e-9, 1),
                s.positiveInt("clusters.noise-realisations"));
    }
}
