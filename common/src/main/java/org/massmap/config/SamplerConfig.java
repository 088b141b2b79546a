package org.massmap.config;

import java.util.Locale;
import org.massmap.sampling.HmcSettings;
import org.massmap.sampling.MassKind;
import org.massmap.sampling.Schedule;
import org.massmap.stats.ClusterSettings;

/**
 * The sampling settings (section {@code sampler}) resolved once: the HMC settings, how σ_min is
 * chosen, chains, seed, batching and threads.
 *
 * @param hmc               HMC settings; its σ_min is a placeholder when {@code sigmaMin} is empty
 * @param sigmaMin          a fixed σ_min, or NaN for "auto"
 * @param sigmaMinTolerance allowed std inflation when σ_min is automatic
 * @param prior             gaussian or hybrid
 * @param model             model directory ("" = bundled)
 */
public record SamplerConfig(HmcSettings hmc, double sigmaMin, double sigmaMinTolerance, int chains, long seed,
        int batchSize, int threads, String prior, String model) implements java.io.Serializable {

    /** True when σ_min is chosen automatically from the std-inflation tolerance. */
    public boolean sigmaMinAuto() {
        return Double.isNaN(sigmaMin);
    }

    public static SamplerConfig from(Settings s) {
        String rawMin = s.string("sampler.sigma-min").trim();
        double sigmaMin = rawMin.equalsIgnoreCase("auto") ? Double.NaN : s.positive("sampler.sigma-min");
        double sigmaMax = s.positive("sampler.sigma-max");
        double placeholder = Double.isNaN(sigmaMin) ? sigmaMax * 1e-3 : sigmaMin;
        HmcSettings hmc;
        try { // the HMC settings check their own ranges; from here they are configuration values
            hmc = new HmcSettings(s.enumValue("sampler.schedule", Schedule.class), sigmaMax, placeholder,
                    s.positiveInt("sampler.levels"), s.positiveInt("sampler.steps-per-level"), s.finite("sampler.drop-factor"),
                    s.nonNegativeInt("sampler.min-steps-per-level"), s.positiveInt("sampler.max-iterations"),
                    s.nonNegativeInt("sampler.final-steps"), s.positiveInt("sampler.leapfrog-steps"), s.positive("sampler.step-size"),
                    s.finite("sampler.target-acceptance"), s.enumValue("sampler.mass", MassKind.class),
                    s.bool("sampler.probability-flow"), s.positiveInt("sampler.ode-steps"), s.nonNegative("sampler.ode-sigma-end"));
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
        String prior = s.string("sampler.prior").trim().toLowerCase(Locale.ROOT);
        if (!prior.equals("gaussian") && !prior.equals("hybrid")) {
            throw new SettingException("sampler.prior must be gaussian or hybrid, got '" + prior + "'");
        }
        return new SamplerConfig(hmc, sigmaMin, s.positive("sampler.sigma-min-tolerance"), chains, s.longValue("sampler.seed"),
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
