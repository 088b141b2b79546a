package org.massmap.cli;

import picocli.CommandLine.Option;

/** Where the Gaussian prior's C_ℓ comes from: a table, or the theory settings (see `massmap theory`). */
public final class PriorOptions {
    @Option(names = "--cl", paramLabel = "FILE", descriptionKey = "prior.cl-file",
            description = "Tabulated C_ell (ell, C_ell; text or FITS) for the Gaussian prior; default: computed from the theory settings.")
    String clFile;
}
