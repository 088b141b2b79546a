package org.massmap.cli;

import org.massmap.config.SamplerConfig;

/** Which prior model a run uses: the Gaussian prior (no model) or a hybrid model directory with its checksum. */
record ModelChoice(String uri, String sha256) {

    static ModelChoice resolve(SamplerConfig sampler) {
        if (sampler.prior().equals("gaussian")) {
            return new ModelChoice(null, null);
        }
        throw new IllegalArgumentException("the hybrid prior needs the neural score model, which this build does not include yet; use --prior gaussian");
    }

    String describe() {
        return uri == null ? "gaussian (theory C_ell)" : "hybrid: " + uri + " (sha256 " + sha256.substring(0, 12) + ")";
    }
}
