package org.massmap.cli;

import org.massmap.config.SamplerConfig;
import org.massmap.config.Settings;
import org.massmap.pipeline.PriorModel;

/** Resolves the prior model a run asks for. */
final class PriorModels {
    private PriorModels() {
    }

    static PriorModel load(SamplerConfig sampler, Settings s) {
        if (sampler.prior().equals("gaussian")) {
            return PriorModel.gaussian();
        }
        throw new IllegalArgumentException("the hybrid prior needs the neural score model, which this build does not include yet; use --prior gaussian");
    }
}
